import type { Session } from '../entities/session.entity.js';
import type { ContactRecord } from '../../contacts/repositories/contacts.repository.js';
import type { SessionResponse } from './identifiers.response.js';
import type { EmailAddressResponse, PhoneNumberResponse } from './user.response.js';

export function mapEmailAddress(contact: ContactRecord): EmailAddressResponse {
  return {
    id: contact.id,
    email: contact.value,
    verified: contact.verified,
    primary: contact.primary,
  };
}

export function mapPhoneNumber(contact: ContactRecord): PhoneNumberResponse {
  return {
    id: contact.id,
    phoneNumber: contact.value,
    verified: contact.verified,
    primary: contact.primary,
  };
}

export function mapSession(session: Session, currentSessionId: string): SessionResponse {
  return {
    id: session.id,
    userAgent: session.userAgent,
    ip: session.ip,
    createdAt: session.createdAt.toISOString(),
    lastActiveAt: session.lastUsedAt.toISOString(),
    current: session.id === currentSessionId,
  };
}
