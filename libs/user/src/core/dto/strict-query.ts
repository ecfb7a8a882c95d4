import { Transform } from 'class-transformer';

/**
 * Query values arrive as strings (or arrays when a parameter is repeated). This keeps a digits-only
 * string as a number and leaves anything else as it was, for the validators to refuse by name.
 */
export const ToInteger = (): PropertyDecorator =>
  Transform(({ value }) =>
    typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value,
  );
