import { startThrowawayRedis, type ThrowawayRedis } from '../../scripts/throwaway-redis.js';

export type TestRedis = ThrowawayRedis;

/** A throwaway Redis on 127.0.0.1 for one suite (the same helper the scale test uses). */
export const startTestRedis = startThrowawayRedis;
