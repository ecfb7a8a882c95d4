import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AttributeDefinition } from '../entities/attribute-definition.entity.js';
import type { User } from '../entities/user.entity.js';
import { jsonRowsSubselect, parseJsonRows } from './json-rows.js';
import { PreparedRead } from './prepared-read.js';
import {
  hydrateUserCollections,
  userCollectionsParams,
  userCollectionsSelect,
} from './user-collections.js';

/**
 * GET /me after the session check, as ONE prepared statement: the user's emails, phones and
 * external accounts, and the attribute definitions (the profile schema). The schema is read fresh
 * with them on every request, never kept in memory: an admin's change on any instance applies at
 * the next request everywhere, and it costs no round trip of its own.
 */
@Injectable()
export class OwnViewRepository {
  constructor(private readonly em: EntityManager) {}

  private read: PreparedRead | undefined;

  /** Completes the user (roles came with the session check); returns the attribute definitions. */
  async populate(user: User): Promise<AttributeDefinition[]> {
    this.read ??= new PreparedRead(
      'userkit_own_view_v1',
      `select ${userCollectionsSelect(this.em)}, ` +
        `${jsonRowsSubselect(this.em, AttributeDefinition, null, ['display_order', 'name'])} ` +
        `as "definitions"`,
    );
    const [row] = await this.read.all(this.em, userCollectionsParams(user.id));
    hydrateUserCollections(this.em, user, row);
    return parseJsonRows(row?.definitions).map((item) => this.em.map(AttributeDefinition, item));
  }
}
