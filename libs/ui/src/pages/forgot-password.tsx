import { useState } from 'preact/hooks';
import { Field, Form, PageHeading } from '../components/index.js';
import { Link } from '../router.js';
import { client } from '../session.js';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  return (
    <section class="card">
      <PageHeading>Reset your password</PageHeading>
      <p>
        Enter your email address; if it belongs to an account, we send a link to choose a new
        password.
      </p>
      <Form
        submitLabel="Send the link"
        label="Reset your password"
        onSubmit={async () => {
          await client.forgotPassword({ email: email.trim() });
          // The same answer whether or not the address is known (no account enumeration).
          return 'If that address belongs to an account, a reset link is on its way. It works for one hour.';
        }}
      >
        <Field
          label="Email"
          name="email"
          type="email"
          value={email}
          onValue={setEmail}
          autoComplete="email"
          required
        />
      </Form>
      <p class="links">
        <Link href="/sign-in">Back to sign-in</Link>
      </p>
    </section>
  );
}
