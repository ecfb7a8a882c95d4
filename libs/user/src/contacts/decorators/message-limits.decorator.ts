import { applyDecorators } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';

/**
 * The 429s of a route that sends a verification message: the address's `sendMessage` bucket and
 * the per-account and per-recipient hourly limits. Placed above `@RateLimit('sendMessage')`, it
 * replaces that 429's description.
 */
export function ApiMessageLimitsResponse(): MethodDecorator {
  return applyDecorators(
    ApiTooManyRequestsResponse({
      description:
        'Over the "sendMessage" rate limit of this address (RATE_LIMITED), or over 10 messages an ' +
        'hour for this account or 5 an hour to this recipient (TOO_MANY_MESSAGES); nothing sent',
      headers: {
        'Retry-After': {
          description: 'Seconds to wait before the next try',
          schema: { type: 'integer', minimum: 1 },
        },
      },
    }),
  );
}
