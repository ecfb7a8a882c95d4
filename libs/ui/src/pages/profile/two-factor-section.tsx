import type { TotpEnrollmentResponse, User } from '@userkit/client';
import { useState } from 'preact/hooks';
import { ActionButton, Field, Form, Notice, QrCode } from '../../components/index.js';
import { Section } from './section.js';

/** Two-step verification with an authenticator app: set up (QR code, confirm, backup codes) or off. */
export function TwoFactorSection({ user }: { user: User }) {
  const [enrollment, setEnrollment] = useState<TotpEnrollmentResponse | null>(null);
  const [backupCodes, setBackupCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const enabled = user.twoFactorEnabled();

  return (
    <Section title="Two-step verification">
      {backupCodes && (
        <div class="backup-codes">
          <Notice>
            Two-step verification is on. Keep these backup codes somewhere safe: each works once,
            and they are shown only now.
          </Notice>
          <ul class="codes" aria-label="Backup codes">
            {backupCodes.map((backup) => (
              <li key={backup}>{backup}</li>
            ))}
          </ul>
          <ActionButton onClick={async () => setBackupCodes(null)}>I saved them</ActionButton>
        </div>
      )}
      {enabled && !backupCodes && (
        <>
          <p>
            <strong>On.</strong> Signing in asks for a code from your authenticator app.
          </p>
          <Form
            class="inline"
            submitLabel="Turn off"
            label="Turn off two-step verification"
            onSubmit={async () => {
              await user.disableTOTP({ code: code.trim() });
              setCode('');
              return 'Two-step verification is off.';
            }}
          >
            <Field
              label="Current code or a backup code"
              name="code"
              value={code}
              onValue={setCode}
              autoComplete="one-time-code"
              required
            />
          </Form>
        </>
      )}
      {!enabled && !enrollment && (
        <>
          <p>Off. Add a second step to sign-in with an authenticator app.</p>
          <ActionButton kind="primary" onClick={async () => setEnrollment(await user.createTOTP())}>
            Set up two-step verification
          </ActionButton>
        </>
      )}
      {!enabled && enrollment && (
        <div class="enrollment">
          <p>Scan this QR code with your authenticator app, or type in the key below.</p>
          <QrCode value={enrollment.otpauthUri} label="QR code for your authenticator app" />
          <p>
            Key:{' '}
            <span class="secret" data-testid="totp-secret">
              {enrollment.secret}
            </span>
          </p>
          <Form
            class="inline"
            submitLabel="Turn on"
            label="Confirm two-step verification"
            onSubmit={async () => {
              const result = await user.verifyTOTP({ code: code.trim() });
              setCode('');
              setEnrollment(null);
              setBackupCodes(result.backupCodes);
            }}
          >
            <Field
              label="Code from the app"
              name="code"
              value={code}
              onValue={setCode}
              autoComplete="one-time-code"
              inputMode="numeric"
              required
            />
          </Form>
        </div>
      )}
    </Section>
  );
}
