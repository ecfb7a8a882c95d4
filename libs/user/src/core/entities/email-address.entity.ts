import type { Rel, Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
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

  /**
   * Trimmed and lower-cased. Unique among verified and primary addresses only (a partial index,
   * `userkit_email_addresses_normalized_email_unique`): an unverified secondary claim blocks nobody.
   */
  @Property({ type: 'string', length: 320 })
  @Index({ name: 'userkit_email_addresses_normalized_email_index' })
  normalizedEmail!: string;

  @Property({ type: 'boolean' })
  verified: Opt<boolean> = false;

  @Property({ type: 'boolean' })
  primary: Opt<boolean> = false;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
