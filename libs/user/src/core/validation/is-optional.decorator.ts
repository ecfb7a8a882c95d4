import { ValidateIf } from 'class-validator';

/**
 * The library's optional field: skipped only when absent. class-validator's own IsOptional also
 * skips `null`, which then reaches code and columns that expect a value (a 500). A field where
 * `null` means "clear this" says so with its own `ValidateIf((_, value) => value !== null)`.
 */
export const IsOptional = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
