import { Injectable } from '@nestjs/common';
import type { JsonObject, User } from '../entities/user.entity.js';
import type { UserViewSource } from '../dto/user.mapper.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { OwnViewRepository } from '../repositories/own-view.repository.js';
import { UsersRepository } from '../repositories/users.repository.js';
import type { AuthenticatedPrincipal } from './sessions.service.js';
import { ProfileAttributesService, type AttributeView } from './profile-attributes.service.js';
import { UserUpdateService } from './user-update.service.js';
import { UsernamesService } from './usernames.service.js';

export interface OwnProfileChanges {
  /** Lower-cased and checked (normalizeUsername); null removes it. */
  username?: string | null;
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  picture?: string | null;
  unsafeMetadata?: JsonObject;
  standardAttributes?: Record<string, unknown>;
  customAttributes?: Record<string, unknown>;
}

/** Plain items behind the `getItems()` the view mappers call on entity collections. */
function itemsOf<T>(items: T[]): { getItems(): T[] } {
  return { getItems: () => items };
}

/** What a signed-in user reads and writes about themselves. */
@Injectable()
export class ProfileService {
  constructor(
    private readonly users: UsersRepository,
    private readonly attributes: ProfileAttributesService,
    private readonly updates: UserUpdateService,
    private readonly ownView: OwnViewRepository,
    private readonly usernames: UsernamesService,
  ) {}

  async getOwn(userId: string): Promise<User> {
    const user = await this.users.findFullById(userId);
    if (!user) throw new UserKitException('NOT_SIGNED_IN');
    return user;
  }

  /** The user, read fresh, and the attributes the end user may see (their access rights applied). */
  async getOwnView(userId: string): Promise<{ user: User; attributes: AttributeView }> {
    const [user, schema] = await Promise.all([this.getOwn(userId), this.attributes.loadSchema()]);
    return { user, attributes: this.attributes.view(user, 'endUser', schema) };
  }

  /**
   * The same view from the row the session check read in this request: GET /me costs the session
   * check plus ONE statement (emails, phones, external accounts and the attribute schema together,
   * read fresh), no second read of the user, and no ORM entities (plain values, read-only).
   */
  async getOwnViewFrom(
    principal: AuthenticatedPrincipal,
  ): Promise<{ user: UserViewSource; attributes: AttributeView }> {
    // Stateless sessions read the user's row here (the guard read none); the database mode has it.
    const [rows] = await Promise.all([this.ownView.read(principal.id), principal.load()]);
    const user: UserViewSource = {
      ...principal.userValues,
      emailAddresses: itemsOf(rows.emailAddresses),
      phoneNumbers: itemsOf(rows.phoneNumbers),
      externalAccounts: itemsOf(rows.externalAccounts),
      roles: itemsOf(principal.roles.map((name) => ({ name }))),
    };
    const schema = this.attributes.schemaFrom(rows.definitions);
    return { user, attributes: this.attributes.view(user, 'endUser', schema) };
  }

  /**
   * Points `picture` at a newly stored image (the user's own access rules apply) and records the
   * image as the user's, under the row lock: of parallel uploads each replaces exactly the one
   * before it. Returns the id of the image replaced, which only this caller may delete.
   */
  async replaceProfileImage(userId: string, imageId: string, url: string): Promise<string | null> {
    const schema = await this.attributes.loadSchema();
    const written = await this.updates.update(userId, (user) => {
      const prepared = this.attributes.prepare(user, 'endUser', schema, { picture: url });
      return {
        changes: { ...prepared.fields, profileImageId: imageId },
        changed: prepared.changed,
        result: user.profileImageId,
      };
    });
    if (written === null) throw new UserKitException('NOT_SIGNED_IN');
    return written.result;
  }

  /**
   * Under the row lock, so concurrent writes of different attributes all land. A username taken
   * by another user (in any case) is refused by the unique index: 409, nothing written.
   */
  async updateOwn(userId: string, changes: OwnProfileChanges): Promise<User> {
    if (changes.username !== undefined)
      await this.usernames.assertChangeable(userId, changes.username);
    const written = await this.usernames.translateTaken(() =>
      this.attributes.write(userId, 'endUser', changes, ['username', 'unsafeMetadata']),
    );
    if (!written) throw new UserKitException('NOT_SIGNED_IN');
    return this.getOwn(userId);
  }
}
