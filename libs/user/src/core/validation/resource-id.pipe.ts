import { Injectable, type PipeTransform } from '@nestjs/common';
import type { UserErrorCode } from '../errors/error-codes.js';
import { UserKitException } from '../errors/user-kit.exception.js';
import { isResourceId } from './resource-id.js';

/**
 * A path parameter that cannot name a resource (a NUL, a lone surrogate, 300 characters) is the
 * resource's own 404, answered before any query: such text never reaches the database driver.
 */
@Injectable()
export class ResourceIdPipe implements PipeTransform<unknown, string> {
  constructor(
    private readonly notFound: UserErrorCode,
    private readonly pattern?: RegExp,
  ) {}

  transform(value: unknown): string {
    const valid = this.pattern
      ? typeof value === 'string' && this.pattern.test(value)
      : isResourceId(value);
    if (!valid) throw new UserKitException(this.notFound);
    return value as string;
  }
}
