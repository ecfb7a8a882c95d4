import type { OwnAttributeResponse } from '@userkit/client';
import { useEffect, useState } from 'preact/hooks';
import {
  errorMessage,
  Field,
  Form,
  NewCredentialsFields,
  Notice,
  PageHeading,
} from '../components/index.js';
import { Link, type RouteProps } from '../router.js';
import { client } from '../session.js';
import { goAfterSignIn } from './after-sign-in.js';
import { AttributeInput, attributeLabel, isRequired, parseValue } from './attribute-input.js';

export function SignUpPage({ query }: RouteProps) {
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // The custom attributes sign-up needs (validation.required), asked with their labels.
  const [required, setRequired] = useState<OwnAttributeResponse[]>([]);
  const [schemaError, setSchemaError] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  useEffect(() => {
    client
      .getSignUpAttributes()
      .then((schema) => setRequired(schema.custom.filter(isRequired)))
      .catch((failure) => setSchemaError(errorMessage(failure)));
  }, []);
  return (
    <section class="card">
      <PageHeading>Create your account</PageHeading>
      {schemaError && <Notice kind="error">{schemaError}</Notice>}
      <Form
        submitLabel="Create account"
        label="Create your account"
        onSubmit={async () => {
          const customAttributes: Record<string, unknown> = {};
          for (const attribute of required) {
            const value = parseValue(attribute, values[attribute.name] ?? '');
            if (value !== null) customAttributes[attribute.name] = value;
          }
          await client.signUp({
            email: email.trim(),
            password,
            firstName: firstName.trim() || undefined,
            lastName: lastName.trim() || undefined,
            ...(required.length > 0 ? { customAttributes } : {}),
          });
          goAfterSignIn(query);
        }}
      >
        <Field
          label="First name"
          name="firstName"
          value={firstName}
          onValue={setFirstName}
          autoComplete="given-name"
        />
        <Field
          label="Last name"
          name="lastName"
          value={lastName}
          onValue={setLastName}
          autoComplete="family-name"
        />
        <NewCredentialsFields
          email={email}
          password={password}
          onEmail={setEmail}
          onPassword={setPassword}
        />
        {required.map((attribute) => (
          <AttributeInput
            key={attribute.name}
            attribute={attribute}
            label={attributeLabel(attribute)}
            required
            value={values[attribute.name] ?? ''}
            onValue={(value) => setValues({ ...values, [attribute.name]: value })}
          />
        ))}
      </Form>
      <p class="links">
        <span>
          Already have an account? <Link href="/sign-in">Sign in</Link>
        </span>
      </p>
    </section>
  );
}
