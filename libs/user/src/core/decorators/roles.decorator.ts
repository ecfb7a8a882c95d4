import { SetMetadata } from '@nestjs/common';
import { ROLES_KEY } from '../tokens.js';

/** The route needs one of these roles (checked by RolesGuard against the database, per request). */
export const Roles = (...roles: string[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);
