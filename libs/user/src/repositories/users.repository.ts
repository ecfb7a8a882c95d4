import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { EmailAddress } from '../entities/email-address.entity.js';
import { Role } from '../entities/role.entity.js';
import { User, type JsonObject } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { normalizeEmail } from '../validation/email.js';

/** Everything `/me` and the admin views show. */
const FULL_USER = ['emailAddresses', 'phoneNumbers', 'externalAccounts', 'roles'] as const;

export interface NewUserRecord {
  email: string | null;
  emailVerified: boolean;
  passwordHash: string | null;
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  picture: string | null;
  unsafeMetadata: JsonObject;
  publicMetadata: JsonObject;
  privateMetadata: JsonObject;
  isAnonymous: boolean;
  roleNames: string[];
}

export type UserProfileChanges = Partial<
  Pick<
    User,
    | 'displayName'
    | 'firstName'
    | 'lastName'
    | 'picture'
    | 'unsafeMetadata'
    | 'publicMetadata'
    | 'privateMetadata'
  >
>;

@Injectable()
export class UsersRepository {
  constructor(private readonly em: EntityManager) {}

  findFullById(id: string): Promise<User | null> {
    return this.em.findOne(User, { id }, { populate: FULL_USER, refresh: true });
  }

  /** The user owning this address (any verification state), with roles. */
  async findByEmail(email: string): Promise<User | null> {
    const address = await this.em.findOne(
      EmailAddress,
      { normalizedEmail: normalizeEmail(email) },
      { populate: ['user', 'user.roles'] },
    );
    return address?.user ?? null;
  }

  /** Creates the user, its email and roles in one transaction; a taken email is a 409. */
  async create(record: NewUserRecord): Promise<User> {
    try {
      const id = await this.em.transactional(async (em) => {
        const user = em.create(User, {
          passwordHash: record.passwordHash,
          displayName: record.displayName,
          firstName: record.firstName,
          lastName: record.lastName,
          picture: record.picture,
          unsafeMetadata: record.unsafeMetadata,
          publicMetadata: record.publicMetadata,
          privateMetadata: record.privateMetadata,
          isAnonymous: record.isAnonymous,
        });
        for (const roleName of record.roleNames) user.roles.add(em.getReference(Role, roleName));
        if (record.email !== null) {
          em.create(EmailAddress, {
            user,
            email: record.email.trim(),
            normalizedEmail: normalizeEmail(record.email),
            verified: record.emailVerified,
            primary: true,
          });
        }
        await em.flush();
        return user.id;
      });
      return (await this.findFullById(id))!;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw new UserKitException('EMAIL_TAKEN');
      throw error;
    }
  }

  async updateProfile(user: User, changes: UserProfileChanges): Promise<void> {
    this.em.assign(user, changes, { mergeObjectProperties: false });
    await this.em.flush();
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.em.nativeUpdate(User, { id: userId }, { passwordHash });
  }

  /** Idempotent: adding a role the user has is a no-op. */
  async addRole(userId: string, roleName: string): Promise<void> {
    const user = await this.em.findOneOrFail(User, { id: userId }, { populate: ['roles'] });
    user.roles.add(this.em.getReference(Role, roleName));
    await this.em.flush();
  }

  async recordSignIn(userId: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(User, { id: userId }, { lastSignInAt: at });
  }
}
