import type { Rel, Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from './new-id.js';
import { User } from './user.entity.js';

@Entity({ tableName: 'userkit_phone_numbers' })
export class PhoneNumber {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @ManyToOne(() => User, { deleteRule: 'cascade', index: true })
  user!: Rel<User>;

  /** E.164. */
  @Property({ type: 'string', length: 20 })
  @Unique({ name: 'userkit_phone_numbers_phone_number_unique' })
  phoneNumber!: string;

  @Property({ type: 'boolean' })
  verified: Opt<boolean> = false;

  @Property({ type: 'boolean' })
  primary: Opt<boolean> = false;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
