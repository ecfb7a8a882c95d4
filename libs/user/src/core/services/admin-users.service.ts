import { Inject, Injectable } from '@nestjs/common';
import type { JsonObject, User } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { RolesRepository } from '../repositories/roles.repository.js';
import { UserSearchRepository } from '../repositories/user-search.repository.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { USER_OPTIONS } from '../tokens.js';
import { PasswordPolicyService } from './password-policy.service.js';
import { decodeUserCursor, encodeUserCursor } from './user-cursor.js';
import {
  decodeSortCursor,
  encodeSortCursor,
  type SortOrder,
  type UserSortField,
} from './user-sort-cursor.js';
import { ProfileAttributesService, type AttributeView } from './profile-attributes.service.js';
import { UserCreationService } from './user-creation.service.js';
import { UserDeletionService } from './user-deletion.service.js';
import { UsernamesService } from './usernames.service.js';
import { UserUpdateService } from './user-update.service.js';

export interface UserListQuery {
  query?: string;
  role?: string;
  limit?: number;
  cursor?: string;
  verified?: boolean;
  anonymous?: boolean;
  banned?: boolean;
  createdAfter?: string | Date;
  createdBefore?: string | Date;
  /** A custom attribute marked searchable, and the value it must equal. */
  attribute?: string;
  attributeValue?: string;
  sort?: UserSortField;
  order?: SortOrder;
}

export interface UserPage {
  users: User[];
  nextCursor: string | null;
}

export interface AdminNewUser {
  email: string;
  password?: string;
  /** Lower-cased and checked (normalizeUsername), where the app takes usernames. */
  username?: string;
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  roles?: string[];
  publicMetadata?: JsonObject;
  privateMetadata?: JsonObject;
  /** Custom attributes the admin may write (the host's fields among them). */
  customAttributes?: Record<string, unknown>;
  /** Standard attributes the admin may write (`given_name` is `firstName`: send one of the two). */
  standardAttributes?: Record<string, unknown>;
}

export interface AdminUserChanges {
  /** Lower-cased and checked (normalizeUsername); null removes it (same rules as PATCH /me). */
  username?: string | null;
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  picture?: string | null;
  publicMetadata?: JsonObject;
  privateMetadata?: JsonObject;
  unsafeMetadata?: JsonObject;
  standardAttributes?: Record<string, unknown>;
  customAttributes?: Record<string, unknown>;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** What admins do to users; the host can call it too (its own admin tools, scripts). */
@Injectable()
export class AdminUsersService {
  constructor(
    @Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions,
    private readonly users: UsersRepository,
    private readonly search: UserSearchRepository,
    private readonly roles: RolesRepository,
    private readonly passwordPolicy: PasswordPolicyService,
    private readonly attributes: ProfileAttributesService,
    private readonly creation: UserCreationService,
    private readonly updates: UserUpdateService,
    private readonly deletion: UserDeletionService,
    private readonly usernames: UsernamesService,
  ) {}

  async list(query: UserListQuery): Promise<UserPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    if (query.role) await this.assertRolesExist([query.role]);
    const field = query.sort ?? 'createdAt';
    const order = query.order ?? 'asc';
    const legacyCursor = field === 'createdAt' && order === 'asc';
    const hits = await this.search.search({
      query: query.query,
      role: query.role,
      limit: limit + 1,
      verified: query.verified,
      anonymous: query.anonymous,
      banned: query.banned,
      createdAfter: query.createdAfter ? new Date(query.createdAfter) : undefined,
      createdBefore: query.createdBefore ? new Date(query.createdBefore) : undefined,
      attribute: await this.attributeFilter(query),
      sort: { field, order },
      // The first sort keeps the cursor format of earlier versions, so saved cursors still work.
      after: query.cursor && legacyCursor ? decodeUserCursor(query.cursor) : undefined,
      afterKey:
        query.cursor && !legacyCursor ? decodeSortCursor(field, order, query.cursor) : undefined,
    });
    const page = hits.slice(0, limit);
    const last = page[page.length - 1];
    let nextCursor: string | null = null;
    if (hits.length > limit && last) {
      nextCursor = legacyCursor
        ? encodeUserCursor(last)
        : encodeSortCursor(field, order, {
            key: field === 'email' ? last.email : last.createdAt.toISOString(),
            id: last.id,
          });
    }
    return { users: await this.search.findFullByIds(page.map((hit) => hit.id)), nextCursor };
  }

  /** A page with the attributes admins may see on each user. */
  async listWithAttributes(query: UserListQuery): Promise<{
    users: Array<{ user: User; attributes: AttributeView }>;
    nextCursor: string | null;
  }> {
    const [page, schema] = await Promise.all([this.list(query), this.attributes.loadSchema()]);
    return {
      users: page.users.map((user) => ({
        user,
        attributes: this.attributes.view(user, 'admin', schema),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Only attributes an admin marked searchable (and may read) can filter the list. */
  private async attributeFilter(
    query: UserListQuery,
  ): Promise<{ name: string; value: string } | undefined> {
    if (query.attribute === undefined && query.attributeValue === undefined) return undefined;
    if (query.attribute === undefined || query.attributeValue === undefined)
      throw new UserKitException('ATTRIBUTE_INVALID', [
        'attribute and attributeValue go together: send both',
      ]);
    const schema = await this.attributes.loadSchema();
    const definition = schema.custom.get(query.attribute);
    const renamed = definition ? undefined : this.attributes.renamedFrom(query.attribute, schema);
    if (renamed)
      throw new UserKitException('ATTRIBUTE_INVALID', [
        `attribute ${query.attribute} was renamed to ${renamed.name}: filter by ${renamed.name}`,
      ]);
    if (!definition?.searchable || definition.access.admin === 'hidden')
      throw new UserKitException('ATTRIBUTE_INVALID', [
        `attribute ${query.attribute} is not a searchable custom attribute`,
      ]);
    return { name: definition.name, value: query.attributeValue };
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findFullById(id);
    if (!user) throw new UserKitException('USER_NOT_FOUND');
    return user;
  }

  /** The host's `beforeCreate` and `afterCreate` run for it too (source `admin`). */
  async create(input: AdminNewUser): Promise<User> {
    const roleNames = [...new Set(input.roles ?? [this.options.defaultRole])];
    await this.assertRolesExist(roleNames);
    // The names are standard attributes too: the admin's access rights apply, as on PATCH.
    const attributes = await this.attributes.forCreation('admin', {
      customAttributes: input.customAttributes,
      standardAttributes: input.standardAttributes,
      displayName: input.displayName,
      firstName: input.firstName,
      lastName: input.lastName,
    });
    const fields = attributes.fields;
    if (input.password !== undefined)
      this.passwordPolicy.assertAcceptable(input.password, input.email);
    if (input.username !== undefined && this.options.identifiers.username === false)
      throw new UserKitException('IDENTIFIER_NOT_ACCEPTED', 'This app has no usernames');
    return this.creation.create(
      {
        email: input.email,
        displayName: fields.displayName ?? null,
        firstName: fields.firstName ?? null,
        lastName: fields.lastName ?? null,
        picture: fields.picture ?? null,
        unsafeMetadata: {},
        publicMetadata: input.publicMetadata ?? {},
        isAnonymous: false,
        source: 'admin',
      },
      {
        password: input.password ?? null,
        emailVerified: false,
        privateMetadata: input.privateMetadata ?? {},
        customAttributes: fields.customAttributes ?? {},
        standardAttributes: fields.standardAttributes ?? {},
        recheckAttributes: attributes.recheck,
        roleNames,
        signedIn: false,
        username: input.username ?? null,
      },
    );
  }

  /** Under the row lock, so concurrent writes of different attributes all land. */
  async update(id: string, changes: AdminUserChanges): Promise<User> {
    if (changes.username !== undefined) await this.usernames.assertChangeable(id, changes.username);
    // The name and picture columns are standard attributes: the admin's access rights apply.
    const written = await this.usernames.translateTaken(() =>
      this.attributes.write(id, 'admin', changes, [
        'username',
        'publicMetadata',
        'privateMetadata',
        'unsafeMetadata',
      ]),
    );
    if (!written) throw new UserKitException('USER_NOT_FOUND');
    return this.get(id);
  }

  /** The user and the attributes admins may see. */
  async getView(id: string): Promise<{ user: User; attributes: AttributeView }> {
    const [user, schema] = await Promise.all([this.get(id), this.attributes.loadSchema()]);
    return { user, attributes: this.attributes.view(user, 'admin', schema) };
  }

  /** The user's sessions die with it (they are deleted by cascade), so its tokens stop at once. */
  delete(id: string): Promise<void> {
    return this.deletion.delete(id);
  }

  /** Replaces the set; applies from the very next request, also to tokens issued before. */
  async setRoles(id: string, roles: string[]): Promise<User> {
    await this.get(id);
    const roleNames = [...new Set(roles)];
    await this.assertRolesExist(roleNames);
    const outcome = await this.updates.replaceRoles(id, roleNames, ADMIN_ROLE);
    if (outcome === 'last_admin') throw new UserKitException('LAST_ADMIN');
    if (outcome === 'anonymous_admin') throw new UserKitException('ANONYMOUS_ADMIN');
    return this.get(id);
  }

  private async assertRolesExist(names: string[]): Promise<void> {
    const existing = new Set(await this.roles.findExistingNames(names));
    const unknown = names.filter((name) => !existing.has(name));
    if (unknown.length > 0)
      throw new UserKitException('ROLE_NOT_FOUND', `Unknown role: ${unknown.join(', ')}`);
  }
}
