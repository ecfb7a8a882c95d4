export interface ThrowawayRedis {
  url: string;
  stop(): Promise<void>;
}
export function startThrowawayRedis(): Promise<ThrowawayRedis>;
