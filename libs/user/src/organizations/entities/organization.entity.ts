import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '../../core/entities/new-id.js';

/** A team of users (UserOrganizationsModule). Its members are OrganizationMembership rows. */
@Entity({ tableName: 'userkit_organizations' })
export class Organization {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** Lower-case letters, digits and single hyphens; unique across the app. */
  @Property({ type: 'string', length: 64, unique: 'userkit_organizations_slug_unique' })
  slug!: string;

  @Property({ type: 'datetime', length: 3 })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', length: 3, onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
