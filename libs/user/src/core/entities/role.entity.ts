import { PrimaryKeyProp, type Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'userkit_roles' })
export class Role {
  [PrimaryKeyProp]?: 'name';

  @PrimaryKey({ type: 'string', length: 63 })
  name!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  description: string | null = null;

  /** Built-in and option-defined roles are re-declared at every start. */
  @Property({ type: 'boolean' })
  builtIn: Opt<boolean> = false;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
