import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorResponse, HostErrorResponse } from '../dto/error.response.js';

export type UserKitErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

const DEFAULT_DESCRIPTIONS: Record<UserKitErrorStatus, string> = {
  400: 'Malformed JSON, a failed validation or a refused value',
  401: 'Not signed in, or the session was revoked',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The body is larger than the limit',
  415: 'The body is not in a content type this route takes',
  429: 'Too many requests; retry after Retry-After seconds',
  503: 'The user store is unavailable or busy; retry after Retry-After seconds',
};

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
};

/**
 * One error status of a route, answered with the library's `ErrorResponse` body (always JSON, also
 * on routes that produce images). `orHostError`: a host's hook may refuse with its own exception.
 */
export function ApiUserKitError(
  status: UserKitErrorStatus,
  options: { description?: string; orHostError?: boolean } = {},
): MethodDecorator & ClassDecorator {
  const schema = options.orHostError
    ? {
        anyOf: [{ $ref: getSchemaPath(ErrorResponse) }, { $ref: getSchemaPath(HostErrorResponse) }],
      }
    : { $ref: getSchemaPath(ErrorResponse) };
  return applyDecorators(
    ApiExtraModels(ErrorResponse, HostErrorResponse),
    ApiResponse({
      status,
      description: options.description ?? DEFAULT_DESCRIPTIONS[status],
      content: { 'application/json': { schema } },
      ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
    }),
  );
}

/** The error statuses a route answers, each with the `ErrorResponse` body and a generic description. */
export function ApiUserKitErrors(
  ...statuses: UserKitErrorStatus[]
): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiUserKitError(status)));
}
