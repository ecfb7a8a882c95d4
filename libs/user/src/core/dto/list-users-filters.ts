import { Transform } from 'class-transformer';

/** `true` / `false` in a query string become booleans; anything else stays for the validator. */
export const ToBoolean = (): PropertyDecorator =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
