import { applyDecorators, UseGuards } from '@nestjs/common';
import { ContentTypeGuard } from '../guards/content-type.guard.js';
import { ApiUserKitErrors } from './api-user-kit-errors.decorator.js';

/**
 * On every library controller: bodies only in the content types a route documents, and the
 * errors any route can answer before its own code runs (a body the parser refuses, too large or
 * of another type; a store that is down).
 */
export function UserKitApi(): ClassDecorator {
  return applyDecorators(UseGuards(ContentTypeGuard), ApiUserKitErrors(400, 413, 415, 503));
}
