import { SetMetadata } from '@nestjs/common';
import { ALLOW_UNVERIFIED_EMAIL_KEY } from '../tokens.js';

/**
 * With `requireVerifiedEmail`, lets a user who has not verified an email address use the route
 * (or controller) anyway: GET /me, verifying and resending the code, and a host's own routes
 * that must work before verification (a help page, an account deletion). Without it, such a user
 * gets 403 `EMAIL_NOT_VERIFIED` from UserAuthGuard.
 */
export const AllowUnverifiedEmail = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOW_UNVERIFIED_EMAIL_KEY, true);
