/**
 * When to try again after the `attempts`-th failed attempt: the schedule's delay for it, ±20 %
 * jitter (so receivers that failed together are not retried together); null once the schedule
 * is spent (dead-lettered).
 */
export function nextRetryAt(
  scheduleMs: readonly number[],
  attempts: number,
  now: Date,
  random: () => number = Math.random,
): Date | null {
  const delay = scheduleMs[attempts - 1];
  if (delay === undefined) return null;
  const jittered = delay * (0.8 + 0.4 * random());
  return new Date(now.getTime() + Math.round(jittered));
}
