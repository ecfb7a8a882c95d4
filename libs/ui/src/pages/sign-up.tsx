import { useState } from 'preact/hooks';
import { Field, Form, NewCredentialsFields, PageHeading } from '../components/index.js';
import { Link, type RouteProps } from '../router.js';
import { client } from '../session.js';
import { goAfterSignIn } from './after-sign-in.js';

export function SignUpPage({ query }: RouteProps) {
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  return (
    <section class="card">
      <PageHeading>Create your account</PageHeading>
      <Form
        submitLabel="Create account"
        label="Create your account"
        onSubmit={async () => {
          await client.signUp({
            email: email.trim(),
            password,
            firstName: firstName.trim() || undefined,
            lastName: lastName.trim() || undefined,
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
      </Form>
      <p class="links">
        <span>
          Already have an account? <Link href="/sign-in">Sign in</Link>
        </span>
      </p>
    </section>
  );
}
