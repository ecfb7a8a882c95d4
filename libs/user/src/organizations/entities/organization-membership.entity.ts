import type { Opt, Rel } from '@mikro-orm/core';
import {
  Entity,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/decorators/legacy';
import { newId } from '../../core/entities/new-id.js';
import { User } from '../../core/entities/user.entity.js';
import { Organization } from './organization.entity.js';

/**
 * A user's place in an organization and their role there. One row per (organization, user): the
 * unique constraint, not a read first, keeps a user from joining twice. Goes with either side.
 */
@Entity({ tableName: 'userkit_organization_memberships' })
@Unique({
  name: 'userkit_organization_memberships_organization_user_unique',
  properties: ['organization', 'user'],
})
@Index({
  name: 'userkit_organization_memberships_page_index',
  properties: ['organization', 'createdAt', 'user'],
})
export class OrganizationMembership {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => User, { deleteRule: 'cascade', index: true })
  user!: Rel<User>;

  /** `owner`, `admin`, `member` or one of the host's roles (the module's `roles` option). */
  @Property({ type: 'string', length: 32 })
  role!: string;

  /** Millisecond precision, as the members page's cursor carries it. */
  @Property({ type: 'datetime', length: 3 })
  createdAt: Opt<Date> = new Date();
}
