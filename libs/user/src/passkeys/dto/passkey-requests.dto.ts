import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsObject, IsString, MaxLength, MinLength } from 'class-validator';
import { ApiStrictBody } from '../../core/decorators/api-strict-body.decorator.js';
import { IsOptional } from '../../core/validation/is-optional.decorator.js';

const CREDENTIAL_DESCRIPTION =
  "The authenticator's answer as JSON (WebAuthn's `PublicKeyCredential.toJSON()`, or what @simplewebauthn/browser returns): `{ id, rawId, type, response, clientExtensionResults }`";

/** `POST /me/passkeys`: the answer of `navigator.credentials.create` to the registration options. */
@ApiStrictBody()
export class RegisterPasskeyDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: CREDENTIAL_DESCRIPTION })
  @IsObject()
  response!: Record<string, unknown>;

  @ApiPropertyOptional({ minLength: 1, maxLength: 64, example: 'MacBook Touch ID' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name?: string;
}

/** `PATCH /me/passkeys/:id`. */
@ApiStrictBody()
export class RenamePasskeyDto {
  @ApiProperty({ minLength: 1, maxLength: 64, example: 'Work laptop' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name!: string;
}

/** `POST /auth/passkey/options`. */
@ApiStrictBody()
export class PasskeySignInOptionsDto {
  @ApiPropertyOptional({
    maxLength: 254,
    description:
      "Offer this account's passkeys (`allowCredentials`); without it, any passkey of this app (discoverable credentials). An unknown address gets the same shape of answer",
  })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

/** `POST /auth/passkey`: the answer of `navigator.credentials.get` to the sign-in options. */
@ApiStrictBody()
export class PasskeySignInDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: CREDENTIAL_DESCRIPTION })
  @IsObject()
  response!: Record<string, unknown>;
}
