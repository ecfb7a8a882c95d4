import { EntityManager, RequestContext } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';

/**
 * HTTP requests get an ORM context from @mikro-orm/nestjs; work started elsewhere (bootstrap, a
 * host's cron job or queue consumer) runs through here to get its own.
 */
@Injectable()
export class OrmContext {
  constructor(private readonly em: EntityManager) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (RequestContext.getEntityManager()) return work();
    return RequestContext.create(this.em, work);
  }

  /** Work that outlives its request (sent after the answer): a context of its own. */
  runDetached<T>(work: () => Promise<T>): Promise<T> {
    return RequestContext.create(this.em, work);
  }
}
