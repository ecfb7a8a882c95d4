import type { Rel, Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from './new-id.js';
import { User } from './user.entity.js';

@Entity({ tableName: 'userkit_email_addresses' })
export class EmailAddress {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @ManyToOne(() => User, { deleteRule: 'cascade', index: true })
  user!: Rel<User>;

  /** As the user typed it, trimmed. */
  @Property({ type: 'string', length: 320 })
  email!: string;

  /** Trimmed and lower-cased: the one a unique index guards. */
  @Property({ type: 'string', length: 320 })
  @Unique({ name: 'userkit_email_addresses_normalized_email_unique' })
  normalizedEmail!: string;

  @Property({ type: 'boolean' })
  verified: Opt<boolean> = false;

  @Property({ type: 'boolean' })
  primary: Opt<boolean> = false;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
