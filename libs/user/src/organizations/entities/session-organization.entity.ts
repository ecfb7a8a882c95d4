import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The active organization of a session (`PUT /me/session/organization`). Goes with its session
 * and its organization (foreign keys, on delete cascade). Read through the user's membership, so
 * it counts only while the user is still a member.
 */
@Entity({ tableName: 'userkit_session_organizations' })
export class SessionOrganization {
  @PrimaryKey({ type: 'string', length: 36 })
  sessionId!: string;

  @Property({
    type: 'string',
    length: 36,
    index: 'userkit_session_organizations_organization_index',
  })
  organizationId!: string;

  @Property({ type: 'datetime', length: 3 })
  updatedAt: Opt<Date> = new Date();
}
