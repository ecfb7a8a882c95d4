import { Field } from './field.js';

interface NewCredentialsFieldsProps {
  email: string;
  password: string;
  onEmail(value: string): void;
  onPassword(value: string): void;
  /** Whether the email is asked for: required (default), optional, or not at all. */
  emailSetting?: 'required' | 'optional' | false;
}

/** The email and new password of an account being created (sign-up, a guest's upgrade). */
export function NewCredentialsFields(props: NewCredentialsFieldsProps) {
  const emailSetting = props.emailSetting ?? 'required';
  return (
    <>
      {emailSetting !== false && (
        <Field
          label={emailSetting === 'required' ? 'Email' : 'Email (optional)'}
          name="email"
          type="email"
          value={props.email}
          onValue={props.onEmail}
          autoComplete="email"
          required={emailSetting === 'required'}
        />
      )}
      <Field
        label="Password"
        name="password"
        type="password"
        value={props.password}
        onValue={props.onPassword}
        autoComplete="new-password"
        hint="At least 8 characters; a passphrase of a few unrelated words works well."
        required
      />
    </>
  );
}
