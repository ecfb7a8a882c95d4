import { Injectable, type PipeTransform } from '@nestjs/common';
import { UserKitException } from '../errors/user-kit.exception.js';

/** For routes that take no fields: anything sent is named and refused, as whitelisting would. */
@Injectable()
export class EmptyBodyPipe implements PipeTransform {
  transform(value: unknown): Record<string, never> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value))
      throw new UserKitException('VALIDATION_FAILED', ['the body must be an empty JSON object']);
    const fields = Object.keys(value);
    if (fields.length > 0)
      throw new UserKitException(
        'VALIDATION_FAILED',
        fields.map((field) => `property ${field} should not exist`),
      );
    return {};
  }
}
