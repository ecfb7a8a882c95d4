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
import { config, type IdentifierSetting } from '../config.js';
import { Link, type RouteProps } from '../router.js';
import { client } from '../session.js';
import { goAfterSignIn } from './after-sign-in.js';
import { AttributeInput, attributeLabel, isRequired, parseValue } from './attribute-input.js';

/** A field's label, marked when the identifier may be left out. */
function labelOf(name: string, setting: IdentifierSetting): string {
  return setting === 'optional' ? `${name} (optional)` : name;
}

/** The names, the identifiers the app asks for (`identifiers`), and a password. */
export function SignUpPage({ query }: RouteProps) {
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [phoneNumber, setPhoneNumber] = useState('');
  const [password, setPassword] = useState('');
  const { identifiers } = config;
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
            email: email.trim() || undefined,
            username: username.trim() || undefined,
            phoneNumber: phoneNumber.trim() || undefined,
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
        {identifiers.username !== false && (
          <Field
            label={labelOf('Username', identifiers.username)}
            name="username"
            value={username}
            onValue={setUsername}
            autoComplete="username"
            hint="3 to 64 letters, digits, “_”, “.” or “-”; you can sign in with it."
            required={identifiers.username === 'required'}
          />
        )}
        {identifiers.phone !== false && (
          <Field
            label={labelOf('Phone number', identifiers.phone)}
            name="phoneNumber"
            type="tel"
            value={phoneNumber}
            onValue={setPhoneNumber}
            autoComplete="tel"
            hint="In international format, e.g. +44 20 7946 0958; we send it a code."
            required={identifiers.phone === 'required'}
          />
        )}
        <NewCredentialsFields
          email={email}
          password={password}
          onEmail={setEmail}
          onPassword={setPassword}
          emailSetting={identifiers.email}
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
