import { Injectable } from '@nestjs/common';
import { UserKitException } from '../../core/errors/user-kit.exception.js';
import { SignInMethodsService } from '../../core/services/sign-in-methods.service.js';
import { UserUpdateService } from '../../core/services/user-update.service.js';
import { isResourceId } from '../../core/validation/resource-id.js';
import type { Passkey } from '../entities/passkey.entity.js';
import { PasskeysRepository } from '../repositories/passkeys.repository.js';

/** The user's own passkeys: list, rename, remove (never the last way in). */
@Injectable()
export class PasskeysService {
  constructor(
    private readonly passkeys: PasskeysRepository,
    private readonly signInMethods: SignInMethodsService,
    private readonly updates: UserUpdateService,
  ) {}

  list(userId: string): Promise<Passkey[]> {
    return this.passkeys.listOf(userId);
  }

  async rename(userId: string, id: string, name: string): Promise<Passkey> {
    if (!isResourceId(id)) throw new UserKitException('PASSKEY_NOT_FOUND');
    const renamed = await this.updates.changedBy(
      userId,
      () => this.passkeys.rename(userId, id, name.trim()),
      (done) => (done ? ['passkeys'] : []),
    );
    if (!renamed) throw new UserKitException('PASSKEY_NOT_FOUND');
    return renamed;
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!isResourceId(id)) throw new UserKitException('PASSKEY_NOT_FOUND');
    const removed = await this.updates.passkeyChangedBy(
      'removed',
      () =>
        this.passkeys.remove(userId, id, (counts) =>
          this.signInMethods.assertRemovable(counts, { featureMethod: true }),
        ),
      (done) => done && { userId, passkeyId: done.id, name: done.name },
    );
    if (!removed) throw new UserKitException('PASSKEY_NOT_FOUND');
  }
}
