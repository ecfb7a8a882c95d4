import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '../../core/entities/new-id.js';
import type { JsonObject } from '../../core/entities/user.entity.js';

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

  /** Where the logo is served (a URL of the FileStorage, or the library's /organization-logos/:id). */
  @Property({ type: 'string', length: 2048, nullable: true })
  logoUrl: string | null = null;

  /** The FileStorage id of the uploaded logo: the only file its next upload (or removal) deletes. */
  @Property({ type: 'string', length: 64, nullable: true })
  logoId: string | null = null;

  /** Written by the app's admins (and the host's code), readable by every member. */
  @Property({ type: 'json' })
  publicMetadata: Opt<JsonObject> = {};

  /** Written and read by the app's admins (and the host's code) only. */
  @Property({ type: 'json' })
  privateMetadata: Opt<JsonObject> = {};

  @Property({ type: 'datetime', length: 3 })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', length: 3, onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
