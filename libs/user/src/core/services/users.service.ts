import { Injectable } from '@nestjs/common';
import type { User } from '../entities/user.entity.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { ADMIN_ROLE } from '../options/built-in-roles.js';
import { OrmContext } from '../repositories/orm-context.js';
import { UsersRepository } from '../repositories/users.repository.js';
import { PasswordPolicyService } from './password-policy.service.js';
import { bareDraft, UserCreationService } from './user-creation.service.js';
import { UserUpdateService } from './user-update.service.js';

/** The host's "backend API" for users: call it from your own services. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly ormContext: OrmContext,
    private readonly passwordPolicy: PasswordPolicyService,
    private readonly creation: UserCreationService,
    private readonly updates: UserUpdateService,
  ) {}

  /** A user with emails, phones, external accounts and roles, or a 404. */
  async getById(id: string): Promise<User> {
    const user = await this.users.findFullById(id);
    if (!user) throw new UserKitException('USER_NOT_FOUND');
    return user;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findByEmail(email);
  }

  /**
   * Makes sure an admin with this email exists (e.g. from ADMIN_EMAIL at start): creates it (the
   * lifecycle hooks run, source `admin`), or gives an existing user the admin role. An existing
   * password is left as it is.
   */
  ensureAdmin(email: string, password: string): Promise<User> {
    return this.ormContext.run(() => this.createOrPromoteAdmin(email, password));
  }

  private async createOrPromoteAdmin(email: string, password: string): Promise<User> {
    const existing = await this.users.findByEmail(email);
    if (existing) {
      await this.updates.addRole(existing.id, ADMIN_ROLE);
      return this.getById(existing.id);
    }
    this.passwordPolicy.assertAcceptable(password, email);
    try {
      return await this.creation.create(bareDraft('admin', email), {
        password,
        emailVerified: true,
        privateMetadata: {},
        roleNames: [ADMIN_ROLE],
        signedIn: false,
      });
    } catch (error) {
      // Another instance created it at the same moment.
      if (error instanceof UserKitException && error.code === 'EMAIL_TAKEN')
        return this.createOrPromoteAdmin(email, password);
      throw error;
    }
  }
}
