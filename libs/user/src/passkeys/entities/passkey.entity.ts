import { BigIntType, type Opt, type Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '../../core/entities/new-id.js';
import { User } from '../../core/entities/user.entity.js';

/**
 * A WebAuthn credential of the user: a way in on its own (user verification is always asked).
 * Only the public key is here; the private key never leaves the authenticator.
 */
@Entity({ tableName: 'userkit_passkeys' })
export class Passkey {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @ManyToOne(() => User, { deleteRule: 'cascade', index: true })
  user!: Rel<User>;

  /** The authenticator's credential ID, base64url: what an assertion names. */
  @Property({ type: 'text' })
  @Unique({ name: 'userkit_passkeys_credential_id_unique' })
  credentialId!: string;

  /** The COSE public key, base64url. */
  @Property({ type: 'text' })
  publicKey!: string;

  /** The signature counter last seen (0 for authenticators that keep none); up to 2^32 - 1. */
  @Property({ type: new BigIntType('number') })
  counter: Opt<number> = 0;

  /** How the browser reached the authenticator (`internal`, `hybrid`, `usb`...), comma-separated. */
  @Property({ type: 'string', length: 128, nullable: true })
  transports: string | null = null;

  /** `singleDevice` or `multiDevice` (synced, e.g. by a platform's keychain). */
  @Property({ type: 'string', length: 16 })
  deviceType!: string;

  @Property({ type: 'boolean' })
  backedUp!: boolean;

  @Property({ type: 'string', length: 64 })
  name!: string;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;
}
