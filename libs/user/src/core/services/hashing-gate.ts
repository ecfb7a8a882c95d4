import { Inject, Injectable } from '@nestjs/common';
import { UserKitException } from '../errors/user-kit.exception.js';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import { USER_OPTIONS } from '../tokens.js';

/**
 * Admits password hashing at the CPU's pace and queues a bounded few beyond: under a sign-in
 * storm the excess is refused at once (503) instead of piling up memory and latency for everyone.
 * Per process on purpose: it guards this process's CPU.
 */
@Injectable()
export class HashingGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(@Inject(USER_OPTIONS) private readonly options: ResolvedUserOptions) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.options.hashingConcurrency) {
      if (this.waiting.length >= this.options.hashingQueueLimit)
        throw new UserKitException('SERVER_BUSY');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter; otherwise it is freed.
      if (next) next();
      else this.active -= 1;
    }
  }
}
