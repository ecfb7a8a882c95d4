import { EntityManager, RequestContext } from '@mikro-orm/core';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';

/**
 * An ORM context for the library's own routes, on its controllers only (@UserKitApi()): a host
 * may turn MikroORM's app-wide one off (`registerRequestContext: false`), and then its own routes
 * do no work for the library at all, not even a path match. When the host's is on, it is reused.
 * The guards run before this and need no context (prepared statements and native updates).
 */
@Injectable()
export class OrmRequestContextInterceptor implements NestInterceptor {
  constructor(private readonly em: EntityManager) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (RequestContext.currentRequestContext()) return next.handle();
    // handle() binds the rest of the chain (pipes, handler) to the async context it is called in.
    return RequestContext.create(this.em, () => next.handle());
  }
}
