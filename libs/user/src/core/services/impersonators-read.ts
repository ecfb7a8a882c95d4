import { Injectable } from '@nestjs/common';
import type { ImpersonatorResponse } from '../dto/user.response.js';
import { UsersRepository } from '../repositories/users.repository.js';

/** Who acts in an impersonation session, as the user's views name them (`impersonatedBy`). */
@Injectable()
export class ImpersonatorsRead {
  constructor(private readonly users: UsersRepository) {}

  /** Null when the admin is gone (the session is refused at its next request anyway). */
  async describe(adminId: string): Promise<ImpersonatorResponse | null> {
    const admin = await this.users.findFullById(adminId);
    if (!admin) return null;
    const primary = admin.emailAddresses.getItems().find((email) => email.primary);
    return { id: admin.id, displayName: admin.displayName, primaryEmail: primary?.email ?? null };
  }
}
