import type { EmailAddressResponse, PhoneNumberResponse } from '../../core/dto/user.response.js';
import type { ContactRecord } from '../repositories/contacts.repository.js';

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
