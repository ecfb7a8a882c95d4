/** What decides whether a user is banned: the flag, and the ban's end when it has one. */
export interface BanState {
  banned: boolean;
  bannedUntil: Date | null;
}

/**
 * Banned now: the flag is set and the ban has no end, or its end is still ahead. A ban that ran
 * out keeps its row values (the admin view shows it lifted) and stops blocking at once, with no
 * job to clear it.
 */
export function isBannedAt(user: BanState, at: Date = new Date()): boolean {
  return user.banned && (!user.bannedUntil || user.bannedUntil.getTime() > at.getTime());
}
