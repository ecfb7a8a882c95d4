import type { AdminUserResponse } from './api.js';

/** What names a user in lists and headings: display name, full name, email, username, else the id. */
export function userName(user: AdminUserResponse): string {
  const fullName = [user.firstName, user.lastName].filter(Boolean).join(' ');
  return user.displayName || fullName || user.primaryEmail || user.username || user.id;
}

export function isVerified(user: AdminUserResponse): boolean {
  return (
    user.emailAddresses.some((email) => email.verified) ||
    user.phoneNumbers.some((phone) => phone.verified)
  );
}

export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
