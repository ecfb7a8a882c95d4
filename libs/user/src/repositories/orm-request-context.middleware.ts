import { EntityManager, RequestContext } from '@mikro-orm/core';
import { Injectable, type NestMiddleware } from '@nestjs/common';

/**
 * An ORM context for the library's own routes, applied to its controllers only: a host may turn
 * MikroORM's app-wide one off (`registerRequestContext: false`) so that its routes that do not
 * use the ORM fork nothing. When the host's is on, it is already open and reused.
 */
@Injectable()
export class OrmRequestContextMiddleware implements NestMiddleware {
  constructor(private readonly em: EntityManager) {}

  use(_request: unknown, _response: unknown, next: () => void): void {
    if (RequestContext.currentRequestContext()) return next();
    RequestContext.create(this.em, next);
  }
}
