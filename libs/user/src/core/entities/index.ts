import { AttributeDefinition } from './attribute-definition.entity.js';
import { EmailAddress } from './email-address.entity.js';
import { ExternalAccount } from './external-account.entity.js';
import { PhoneNumber } from './phone-number.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { Role } from './role.entity.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';
import { VerificationCode } from '../../contacts/entities/verification-code.entity.js';
import { PasswordResetToken } from './password-reset-token.entity.js';

export { EmailAddress, ExternalAccount, PhoneNumber, RefreshToken, Role, Session, User };
export type { JsonObject } from './user.entity.js';
export type { ExternalVerificationStatus } from './external-account.entity.js';
export { AttributeDefinition };
export type { AttributeValidation, CustomAttributeType } from './attribute-definition.entity.js';

/** Every entity of the library: add them to the host's MikroORM `entities`. */
export const USER_ENTITIES = [
  User,
  EmailAddress,
  PhoneNumber,
  ExternalAccount,
  Role,
  Session,
  RefreshToken,
  VerificationCode,
  PasswordResetToken,
  AttributeDefinition,
];
