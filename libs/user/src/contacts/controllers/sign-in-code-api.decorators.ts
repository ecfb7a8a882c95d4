import {
  applyDecorators,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  UseInterceptors,
  UsePipes,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import { RefreshCookieInterceptor } from '../../core/cookie-session/refresh-cookie.interceptor.js';
import { ApiFirstFactorResponse } from '../../core/decorators/api-first-factor-response.decorator.js';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { NoStore } from '../../core/decorators/no-store.decorator.js';
import { Public } from '../../core/decorators/public.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';

/**
 * The decorators as they would read stacked over a class or method. applyDecorators runs them top
 * first, where a written stack runs bottom first; reversing keeps the OpenAPI document (whose
 * responses are listed in the order they are declared) the same as the stack written out.
 */
function stacked(...decorators: (ClassDecorator | MethodDecorator)[]) {
  return applyDecorators(...decorators.reverse());
}

/** A public sign-in-by-code controller at `path` (the request and the verify routes). */
export function SignInCodeController(path: string) {
  return stacked(
    ApiTags('auth'),
    Public(),
    UsePipes(createUserKitValidationPipe()),
    Controller(path),
    UseInterceptors(RefreshCookieInterceptor),
    UserKitApi(),
  );
}

/** What the verify route of a channel says in its OpenAPI responses. */
export interface SignInCodeVerifyDocs {
  /** 401: the channel's one error for every failed code. */
  invalidCode: string;
  /** 404: the channel is off. */
  disabled: { description: string };
  /** Whose failed codes the client backs off from, in the 429's description. */
  backoffFrom: string;
}

/** `POST <path>/verify`: the code turns into a session, or the second factor's challenge. */
export function SignInCodeVerify(docs: SignInCodeVerifyDocs) {
  return stacked(
    Post('verify'),
    NoStore(),
    RateLimit('codeSubmit'),
    HttpCode(HttpStatus.OK),
    ApiFirstFactorResponse(),
    ApiUserKitError(401, { description: docs.invalidCode }),
    ApiUserKitError(403, {
      description:
        'SECOND_FACTOR_UNAVAILABLE: the user turned two-factor sign-in on and this app does not offer it; or CROSS_SITE_REQUEST: asked for the cookie session from a foreign Origin',
    }),
    ApiUserKitError(404, docs.disabled),
    ApiUserKitError(429, {
      description: `Over the "codeSubmit" rate limit of this address (RATE_LIMITED), or this client waits after 5 wrong codes for ${docs.backoffFrom} (SIGN_IN_BACKOFF, 1 s doubling to 15 min)`,
    }),
  );
}

/** What the request route of a channel says in its OpenAPI responses. */
export interface SignInCodeRequestDocs {
  /** Whom the 5 messages an hour are counted against, in the 429's description. */
  messagesTo: string;
  /** 202: the one answer, and when a code is really sent. */
  accepted: string;
  /** 400: the input that is not a target. */
  badInput: string;
  /** 404: the channel is off. */
  disabled: { description: string };
}

/** `POST <path>`: asks for a code, with the same answer for every target. */
export function SignInCodeRequest(docs: SignInCodeRequestDocs) {
  return stacked(
    Post(),
    HttpCode(HttpStatus.ACCEPTED),
    ApiUserKitError(429, {
      description: `Over the "sendMessage" rate limit of this address (RATE_LIMITED), or over 5 messages an hour to ${docs.messagesTo}, whoever it belongs to (TOO_MANY_MESSAGES); nothing sent`,
    }),
    RateLimit('sendMessage'),
    ApiAcceptedResponse({
      schema: {
        type: 'object',
        properties: { message: { type: 'string' } },
        required: ['message'],
      },
      description: docs.accepted,
    }),
    ApiUserKitError(400, { description: docs.badInput }),
    ApiUserKitError(404, docs.disabled),
  );
}
