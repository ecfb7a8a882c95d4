import { useState } from 'preact/hooks';
import { Field, Form, PageHeading } from '../components/index.js';
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
        <Field
          label="Email"
          name="email"
          type="email"
          value={email}
          onValue={setEmail}
          autoComplete="email"
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          value={password}
          onValue={setPassword}
          autoComplete="new-password"
          hint="At least 8 characters; a passphrase of a few unrelated words works well."
          required
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
