import type { JsonObject, User } from '../entities/user.entity.js';
import type { UserValues } from '../repositories/sessions.repository.js';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import type { UserResponse } from '../dto/user.response.js';
import type { AttributeParty } from './attribute-access.js';
import type { UserFieldDeclarations, UserFieldValues } from './user-fields.js';

/** Custom attribute values with the declared fields typed (other attributes stay `unknown`). */
export type CustomAttributesWithFields<
  Fields extends UserFieldDeclarations,
  Party extends AttributeParty | undefined = undefined,
> = UserFieldValues<Fields, Party> & JsonObject;

/** A user entity (UsersService, AdminUsersService) whose `customAttributes` type the fields. */
export type UserWithFields<Fields extends UserFieldDeclarations> = Omit<
  User,
  'customAttributes'
> & {
  customAttributes: CustomAttributesWithFields<Fields>;
};

/**
 * `@CurrentUser() me: PrincipalWithFields<typeof fields>`: the signed-in principal with the
 * fields typed, `me.fields.companyId` (every value, whatever the parties' access: server code).
 */
export type PrincipalWithFields<Fields extends UserFieldDeclarations> = Omit<
  AuthenticatedPrincipal,
  'user' | 'userValues' | 'fields'
> & {
  readonly user: UserWithFields<Fields>;
  readonly userValues: Omit<UserValues, 'customAttributes'> & {
    customAttributes: CustomAttributesWithFields<Fields>;
  };
  readonly fields: Readonly<UserFieldValues<Fields>>;
};

/**
 * A user view as the API answers it to one party (`'endUser'` for /me, `'admin'` for the admin
 * routes): `customAttributes` holds the fields that party may read.
 */
export type UserResponseWithFields<
  Fields extends UserFieldDeclarations,
  Party extends AttributeParty = 'endUser',
  View extends UserResponse = UserResponse,
> = Omit<View, 'customAttributes'> & {
  customAttributes?: CustomAttributesWithFields<Fields, Party>;
};
