import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import type { LegacyUserProfile, LegacyUserStore } from '@userkit/user';
import { sql } from './database-access.js';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
) => Promise<Buffer>;

/** A host's own user table from before UserKit, in the test database (same SQL on both). */
const CREATE_TABLE =
  'create table if not exists legacy_members (id integer primary key, email varchar(320) not null unique, ' +
  'password_hash varchar(200) not null, given_name varchar(200), family_name varchar(200), ' +
  'email_confirmed integer not null default 0, plan varchar(20))';

export interface LegacyMember {
  id: number;
  email: string;
  password_hash: string;
  given_name: string | null;
  family_name: string | null;
  email_confirmed: number;
  plan: string | null;
}

/** The host's old hash format: `scrypt$<salt hex>$<key hex>`. */
export async function legacyHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('hex')}$${(await scryptAsync(password, salt, 32)).toString('hex')}`;
}

/**
 * A LegacyUserStore as a host writes it, against its own table: `app` is set once the app is
 * up (the store is an option given before). `failure` makes every call throw as a store that is
 * down would; `calls` counts what the library asked.
 */
export class LegacyMembersStore implements LegacyUserStore<LegacyMember> {
  app: INestApplication | null = null;
  failure: Error | null = null;
  /** Makes profile() answer this instead (a host bug). */
  brokenProfile: unknown = undefined;
  readonly calls: string[] = [];
  private nextId = 1;

  async createTable(): Promise<void> {
    await sql(this.application(), CREATE_TABLE);
  }

  async add(member: Omit<LegacyMember, 'id' | 'password_hash'> & { password: string }) {
    const id = this.nextId++;
    await sql(
      this.application(),
      'insert into legacy_members (id, email, password_hash, given_name, family_name, email_confirmed, plan) values (?, ?, ?, ?, ?, ?, ?)',
      [
        id,
        member.email,
        await legacyHash(member.password),
        member.given_name,
        member.family_name,
        member.email_confirmed,
        member.plan,
      ],
    );
    return id;
  }

  async findByEmail(email: string): Promise<LegacyMember | null> {
    this.calls.push('findByEmail');
    this.failIfDown();
    const [row] = await sql<LegacyMember>(
      this.application(),
      'select * from legacy_members where lower(email) = ?',
      [email],
    );
    return row ?? null;
  }

  async verifyPassword(member: LegacyMember, password: string): Promise<boolean> {
    this.calls.push('verifyPassword');
    this.failIfDown();
    const [scheme, salt, key] = member.password_hash.split('$');
    if (scheme !== 'scrypt') return false;
    const expected = Buffer.from(key, 'hex');
    const actual = await scryptAsync(password, Buffer.from(salt, 'hex'), expected.length);
    return timingSafeEqual(actual, expected);
  }

  profile(member: LegacyMember): LegacyUserProfile {
    this.calls.push('profile');
    if (this.brokenProfile !== undefined) return this.brokenProfile as LegacyUserProfile;
    return {
      firstName: member.given_name,
      lastName: member.family_name,
      emailVerified: Number(member.email_confirmed) === 1,
      publicMetadata: member.plan ? { plan: member.plan } : {},
      privateMetadata: { legacyId: Number(member.id) },
    };
  }

  private failIfDown(): void {
    if (this.failure) throw this.failure;
  }

  private application(): INestApplication {
    if (!this.app) throw new Error('LegacyMembersStore.app is not set');
    return this.app;
  }
}
