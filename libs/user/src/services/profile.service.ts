import { Injectable } from '@nestjs/common';
import type { JsonObject, User } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { UserEventsPublisher } from '../events/user-events.publisher.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { ProfileAttributesService, type AttributeView } from './profile-attributes.service.js';

export interface OwnProfileChanges {
  displayName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  picture?: string | null;
  unsafeMetadata?: JsonObject;
  standardAttributes?: Record<string, unknown>;
  customAttributes?: Record<string, unknown>;
}

/** What a signed-in user reads and writes about themselves. */
@Injectable()
export class ProfileService {
  constructor(
    private readonly users: UsersRepository,
    private readonly attributes: ProfileAttributesService,
    private readonly events: UserEventsPublisher,
  ) {}

  async getOwn(userId: string): Promise<User> {
    const user = await this.users.findFullById(userId);
    if (!user) throw new UserKitException('NOT_SIGNED_IN');
    return user;
  }

  /** The user and the attributes the end user may see (their access rights applied). */
  async getOwnView(userId: string): Promise<{ user: User; attributes: AttributeView }> {
    const [user, schema] = await Promise.all([this.getOwn(userId), this.attributes.loadSchema()]);
    return { user, attributes: this.attributes.view(user, 'endUser', schema) };
  }

  async updateOwn(userId: string, changes: OwnProfileChanges): Promise<User> {
    const user = await this.getOwn(userId);
    const schema = await this.attributes.loadSchema();
    const prepared = this.attributes.prepare(user, 'endUser', schema, changes);
    const allowed: Record<string, unknown> = { ...prepared.fields };
    const changed = [...prepared.changed];
    for (const key of ['displayName', 'unsafeMetadata'] as const) {
      if (changes[key] === undefined) continue;
      allowed[key] = changes[key];
      if (JSON.stringify(changes[key]) !== JSON.stringify(user[key])) changed.push(key);
    }
    await this.users.updateProfile(user, allowed);
    if (changed.length > 0) this.events.emit('user.updated', { userId, changes: changed });
    return this.getOwn(userId);
  }
}
