import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AttributeDefinition } from '../entities/attribute-definition.entity.js';
import { EmailAddress } from '../entities/email-address.entity.js';
import { ExternalAccount } from '../entities/external-account.entity.js';
import { PhoneNumber } from '../entities/phone-number.entity.js';
import { jsonRowsSubselect, parseJsonRows } from '../sql/json-rows.js';
import { plainValues } from '../sql/plain-values.js';
import { PreparedRead } from '../sql/prepared-read.js';
import { userCollectionsParams, userCollectionsSelect } from './user-collections.js';

/** A user's collections and the attribute definitions, as plain values (no entities; `user` is the id). */
export interface OwnViewRows {
  emailAddresses: EmailAddress[];
  phoneNumbers: PhoneNumber[];
  externalAccounts: ExternalAccount[];
  definitions: AttributeDefinition[];
}

/**
 * GET /me after the session check, as ONE prepared statement: the user's emails, phones and
 * external accounts, and the attribute definitions (the profile schema). The schema is read fresh
 * with them on every request, never kept in memory: an admin's change on any instance applies at
 * the next request everywhere, and it costs no round trip of its own. Read-only: plain values,
 * no entities (their mapping cost more than the statement).
 */
@Injectable()
export class OwnViewRepository {
  constructor(private readonly em: EntityManager) {}

  private statement: PreparedRead | undefined;

  async read(userId: string): Promise<OwnViewRows> {
    this.statement ??= new PreparedRead(
      'userkit_own_view_v1',
      `select ${userCollectionsSelect(this.em)}, ` +
        `${jsonRowsSubselect(this.em, AttributeDefinition, null, ['display_order', 'name'])} ` +
        `as "definitions"`,
    );
    const [row] = await this.statement.all(this.em, userCollectionsParams(userId));
    const plain = <T extends object>(entity: new () => T, value: unknown): T[] =>
      parseJsonRows(value).map((item) => plainValues(this.em, entity, item));
    return {
      emailAddresses: plain(EmailAddress, row?.emailAddresses),
      phoneNumbers: plain(PhoneNumber, row?.phoneNumbers),
      externalAccounts: plain(ExternalAccount, row?.externalAccounts),
      definitions: plain(AttributeDefinition, row?.definitions),
    };
  }
}
