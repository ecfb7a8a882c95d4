import type { User } from '@userkit/client';
import { useState } from 'preact/hooks';
import { ActionButton, Field, Form } from '../../components/index.js';
import { Section } from './section.js';

export function NamesSection({ user }: { user: User }) {
  const [firstName, setFirstName] = useState(user.firstName ?? '');
  const [lastName, setLastName] = useState(user.lastName ?? '');
  const [displayName, setDisplayName] = useState(user.displayName ?? '');
  return (
    <Section title="Profile">
      <div class="profile-head">
        {user.picture ? (
          <img class="avatar-large" src={user.picture} alt="Your profile picture" />
        ) : (
          <div class="avatar-large" aria-hidden="true" />
        )}
        <PictureUpload user={user} />
      </div>
      <Form
        submitLabel="Save names"
        label="Names"
        onSubmit={async () => {
          await user.update({
            firstName: firstName.trim() || null,
            lastName: lastName.trim() || null,
            displayName: displayName.trim() || null,
          });
          return 'Saved.';
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
          label="Display name"
          name="displayName"
          value={displayName}
          onValue={setDisplayName}
          autoComplete="nickname"
        />
      </Form>
    </Section>
  );
}

function PictureUpload({ user }: { user: User }) {
  const [file, setFile] = useState<File | null>(null);
  return (
    <div class="field picture-upload">
      <label for="picture-file">Profile picture (PNG, JPEG, GIF or WebP, at most 5 MB)</label>
      <input
        id="picture-file"
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
      />
      {file && (
        <ActionButton
          onClick={async () => {
            await user.setProfileImage({ file });
            setFile(null);
          }}
        >
          Upload picture
        </ActionButton>
      )}
    </div>
  );
}
