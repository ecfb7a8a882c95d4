import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { TwoFactorChallengeResponse } from '../dto/identifiers.response.js';
import { TokenResponse } from '../dto/user.response.js';

/**
 * The 200 of a route that checks a first factor (a password, a provider's code, an SMS code):
 * the tokens, or the challenge of the second factor for a user who turned 2FA on.
 */
export function ApiFirstFactorResponse(
  description = 'Signed in; or, with two-factor on, a challenge for POST /auth/login/2fa',
): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(TokenResponse, TwoFactorChallengeResponse),
    ApiOkResponse({
      description,
      schema: {
        oneOf: [
          { $ref: getSchemaPath(TokenResponse) },
          { $ref: getSchemaPath(TwoFactorChallengeResponse) },
        ],
      },
    }),
  );
}
