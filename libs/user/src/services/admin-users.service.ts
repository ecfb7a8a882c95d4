import { Inject, Injectable } from '@nestjs/common';
import type { JsonObject, User } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { PasswordHasher } from '../extension-points/password-hasher.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { RolesRepository } from '../repositories/roles.repository.js';
import { UserSearchRepository } from '../repositories/user-search.repository.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { USER_OPTIONS } from '../tokens.js';
import { HashingGate } from './hashing-gate.js';
import { PasswordPolicyService } from './password-policy.service.js';
import { SessionsService } from './sessions.service.js';
import { decodeUserCursor, encodeUserCursor } from './user-cursor.js';

export interface UserListQuery {
  query?: string;
  role?: string;
  limit?: number;
  cursor?: string;
}

export interface UserPage {
  users: User[];
  nextCursor: string | null;
}

export interface AdminNewUser {
  email: string;
  password?: string;
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  roles?: string[];
  publicMetadata?: JsonObject;
  privateMetadata?: JsonObject;
}

export interface AdminUserChanges {
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  picture?: string | null;
  publicMetadata?: JsonObject;
  privateMetadata?: JsonObject;
  unsafeMetadata?: JsonObject;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** What admins do to users; the host can call it too (its own admin tools, scripts). */
@Injectable()
export class AdminUsersService {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
    private readonly search: UserSearchRepository,
    private readonly roles: RolesRepository,
    private readonly sessions: SessionsService,
    private readonly passwordPolicy: PasswordPolicyService,
    private readonly hashingGate: HashingGate,
  ) {}

  async list(query: UserListQuery): Promise<UserPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    if (query.role) await this.assertRolesExist([query.role]);
    const hits = await this.search.search({
      query: query.query,
      role: query.role,
      limit: limit + 1,
      after: query.cursor ? decodeUserCursor(query.cursor) : undefined,
    });
    const page = hits.slice(0, limit);
    const last = page[page.length - 1];
    return {
      users: await this.users.findFullByIds(page.map((hit) => hit.id)),
      nextCursor: hits.length > limit && last ? encodeUserCursor(last) : null,
    };
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findFullById(id);
    if (!user) throw new UserKitException('USER_NOT_FOUND');
    return user;
  }

  async create(input: AdminNewUser): Promise<User> {
    const roleNames = [...new Set(input.roles ?? [this.options.defaultRole])];
    await this.assertRolesExist(roleNames);
    let passwordHash: string | null = null;
    if (input.password !== undefined) {
      this.passwordPolicy.assertAcceptable(input.password, input.email);
      const password = input.password;
      passwordHash = await this.hashingGate.run(() => this.hasher.hash(password));
    }
    return this.users.create({
      email: input.email,
      emailVerified: false,
      passwordHash,
      displayName: input.displayName ?? null,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      picture: null,
      unsafeMetadata: {},
      publicMetadata: input.publicMetadata ?? {},
      privateMetadata: input.privateMetadata ?? {},
      isAnonymous: false,
      roleNames,
    });
  }

  async update(id: string, changes: AdminUserChanges): Promise<User> {
    const user = await this.get(id);
    const allowed: Record<string, unknown> = {};
    for (const key of [
      'displayName',
      'firstName',
      'lastName',
      'picture',
      'publicMetadata',
      'privateMetadata',
      'unsafeMetadata',
    ] as const) {
      if (changes[key] !== undefined) allowed[key] = changes[key];
    }
    await this.users.updateProfile(user, allowed);
    return this.get(id);
  }

  /** The user's sessions die with it (they are deleted by cascade), so its tokens stop at once. */
  async delete(id: string): Promise<void> {
    const user = await this.get(id);
    if (user.roles.getItems().some((role) => role.name === ADMIN_ROLE)) {
      const others = await this.search.search({ role: ADMIN_ROLE, limit: 2 });
      if (others.length < 2)
        throw new UserKitException('LAST_ADMIN', 'The last admin cannot be deleted');
    }
    await this.sessions.revokeAllOfUser(id, 'user_deleted');
    if (!(await this.users.delete(id))) throw new UserKitException('USER_NOT_FOUND');
  }

  /** Replaces the set; applies from the very next request, also to tokens issued before. */
  async setRoles(id: string, roles: string[]): Promise<User> {
    await this.get(id);
    const roleNames = [...new Set(roles)];
    await this.assertRolesExist(roleNames);
    if (!(await this.users.replaceRoles(id, roleNames, ADMIN_ROLE)))
      throw new UserKitException('LAST_ADMIN');
    return this.get(id);
  }

  private async assertRolesExist(names: string[]): Promise<void> {
    const existing = new Set(await this.roles.findExistingNames(names));
    const unknown = names.filter((name) => !existing.has(name));
    if (unknown.length > 0)
      throw new UserKitException('ROLE_NOT_FOUND', `Unknown role: ${unknown.join(', ')}`);
  }
}
