import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** For routes that take no fields: anything sent is named and refused, as whitelisting would. */
@Injectable()
export class EmptyBodyPipe implements PipeTransform {
  transform(value: unknown): Record<string, never> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value))
      throw new BadRequestException(['the body must be an empty JSON object']);
    const fields = Object.keys(value);
    if (fields.length > 0)
      throw new BadRequestException(fields.map((field) => `property ${field} should not exist`));
    return {};
  }
}
