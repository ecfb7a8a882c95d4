import type { Opt, Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '../../core/entities/new-id.js';
import { Organization } from './organization.entity.js';

/** What became of an invitation. Only a `pending` one can be accepted, declined or revoked. */
export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked';

/**
 * An invitation to join an organization, sent to an email address. The token of its link is
 * stored as a digest only. At most one pending invitation per (organization, email): a partial
 * unique index (`userkit_organization_invitations_pending_unique`, in the migration).
 */
@Entity({ tableName: 'userkit_organization_invitations' })
export class OrganizationInvitation {
  @PrimaryKey({ type: 'string', length: 36 })
  id: Opt<string> = newId();

  @ManyToOne(() => Organization, { deleteRule: 'cascade', index: true })
  organization!: Rel<Organization>;

  /** Trimmed and lower-cased, as the core normalizes addresses. */
  @Property({ type: 'string', length: 320 })
  @Index({ name: 'userkit_organization_invitations_email_index' })
  email!: string;

  @Property({ type: 'string', length: 32 })
  role!: string;

  @Property({ type: 'string', length: 64, unique: 'userkit_organization_invitations_token_unique' })
  tokenHash!: string;

  /** Who invited; no foreign key: the invitation outlives the inviter's account. */
  @Property({ type: 'string', length: 36, nullable: true })
  invitedBy: string | null = null;

  @Property({ type: 'string', length: 16 })
  status: Opt<InvitationStatus> = 'pending';

  @Property({ type: 'datetime', length: 3 })
  expiresAt!: Date;

  @Property({ type: 'datetime', length: 3 })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', length: 3, nullable: true })
  respondedAt: Date | null = null;
}
