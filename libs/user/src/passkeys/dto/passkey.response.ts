import { ApiProperty } from '@nestjs/swagger';

/** One passkey of the user (`GET /me/passkeys`): never its key material. */
export class PasskeyResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'MacBook Touch ID', maxLength: 64 }) name!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt!: string | null;
  @ApiProperty({
    enum: ['singleDevice', 'multiDevice'],
    description: '`multiDevice`: synced between the devices of an account (e.g. a keychain)',
  })
  deviceType!: 'singleDevice' | 'multiDevice';
  @ApiProperty({ description: 'Backed up (synced) now' }) backedUp!: boolean;
}

export class PasskeyRelyingPartyResponse {
  @ApiProperty({ example: 'example.com' }) id!: string;
  @ApiProperty() name!: string;
}

export class PasskeyUserEntityResponse {
  @ApiProperty({ description: 'The user handle, base64url (opaque)' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() displayName!: string;
}

export class PasskeyCredentialParameterResponse {
  @ApiProperty({ enum: ['public-key'] }) type!: 'public-key';
  @ApiProperty({ description: 'A COSE algorithm (-7: ES256, -8: EdDSA, -257: RS256)' })
  alg!: number;
}

export class PasskeyCredentialDescriptorResponse {
  @ApiProperty({ description: 'Credential ID, base64url' }) id!: string;
  @ApiProperty({ enum: ['public-key'] }) type!: 'public-key';
  @ApiProperty({ type: [String], required: false }) transports?: string[];
}

export class PasskeyAuthenticatorSelectionResponse {
  @ApiProperty({ enum: ['discouraged', 'preferred', 'required'] }) residentKey!: string;
  @ApiProperty() requireResidentKey!: boolean;
  @ApiProperty({ enum: ['required'] }) userVerification!: string;
}

export class PasskeyCreationExtensionsResponse {
  @ApiProperty() credProps!: boolean;
}

/**
 * `POST /me/passkeys/registration-options`: WebAuthn's PublicKeyCredentialCreationOptionsJSON,
 * for `navigator.credentials.create` (e.g. @simplewebauthn/browser's `startRegistration`).
 */
export class PasskeyCreationOptionsResponse {
  @ApiProperty({ description: 'Single use, 5 minutes, base64url' }) challenge!: string;
  @ApiProperty({ type: PasskeyRelyingPartyResponse }) rp!: PasskeyRelyingPartyResponse;
  @ApiProperty({ type: PasskeyUserEntityResponse }) user!: PasskeyUserEntityResponse;
  @ApiProperty({ type: [PasskeyCredentialParameterResponse] })
  pubKeyCredParams!: PasskeyCredentialParameterResponse[];
  @ApiProperty({ description: 'Milliseconds' }) timeout!: number;
  @ApiProperty({ enum: ['none'] }) attestation!: string;
  @ApiProperty({
    type: [PasskeyCredentialDescriptorResponse],
    description: "The user's passkeys: the authenticator does not register one twice",
  })
  excludeCredentials!: PasskeyCredentialDescriptorResponse[];
  @ApiProperty({ type: PasskeyAuthenticatorSelectionResponse })
  authenticatorSelection!: PasskeyAuthenticatorSelectionResponse;
  @ApiProperty({ type: PasskeyCreationExtensionsResponse })
  extensions!: PasskeyCreationExtensionsResponse;
  @ApiProperty({ type: [String] }) hints!: string[];
}

/**
 * `POST /auth/passkey/options`: WebAuthn's PublicKeyCredentialRequestOptionsJSON, for
 * `navigator.credentials.get` (e.g. @simplewebauthn/browser's `startAuthentication`).
 */
export class PasskeyRequestOptionsResponse {
  @ApiProperty({ description: 'Single use, 5 minutes, base64url' }) challenge!: string;
  @ApiProperty({ example: 'example.com' }) rpId!: string;
  @ApiProperty({
    type: [PasskeyCredentialDescriptorResponse],
    description:
      'Empty without an email (discoverable credentials: the authenticator offers its own)',
  })
  allowCredentials!: PasskeyCredentialDescriptorResponse[];
  @ApiProperty({ description: 'Milliseconds' }) timeout!: number;
  @ApiProperty({ enum: ['required'] }) userVerification!: string;
}
