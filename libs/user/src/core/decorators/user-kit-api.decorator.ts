import { applyDecorators, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ServiceUnavailableFilter } from '../filters/service-unavailable.filter.js';
import { ContentTypeGuard } from '../guards/content-type.guard.js';
import { EventContextInterceptor } from '../events/event-context.interceptor.js';
import { OrmRequestContextInterceptor } from '../repositories/orm-request-context.interceptor.js';
import { ApiUserKitErrors } from './api-user-kit-errors.decorator.js';

/**
 * On every library controller (never app-wide, so a host's own routes keep their own handling):
 * bodies only in the content types a route documents, store outages as 503 + Retry-After, an ORM
 * context for the handler (a host may turn MikroORM's off), the caller's context for the events
 * the request causes (EventContextInterceptor), and the errors any route can answer
 * before its own code runs (a body the parser refuses, too large or of another type; a store that
 * is down).
 */
export function UserKitApi(): ClassDecorator {
  return applyDecorators(
    UseFilters(ServiceUnavailableFilter),
    UseGuards(ContentTypeGuard),
    UseInterceptors(OrmRequestContextInterceptor, EventContextInterceptor),
    ApiUserKitErrors(400, 413, 415, 503),
  );
}
