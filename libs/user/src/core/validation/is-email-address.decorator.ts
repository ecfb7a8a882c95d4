import { Transform } from 'class-transformer';
import { registerDecorator } from 'class-validator';
import { canonicalEmail, EMAIL_MAX_LENGTH, isValidEmail } from './email.js';

/**
 * A valid address, kept in NFKC: a fullwidth or compatibility spelling is stored (and shown) as
 * the plain address it stands for, so it cannot pass for another account in a list.
 */
export function IsEmailAddress(): PropertyDecorator {
  const toCanonical = Transform(
    ({ value }) =>
      typeof value === 'string' && isValidEmail(value) ? canonicalEmail(value) : value,
    { toClassOnly: true },
  );
  return (target, propertyName) => {
    toCanonical(target, propertyName);
    registerDecorator({
      name: 'isEmailAddress',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidEmail(value),
        defaultMessage: () =>
          `${String(propertyName)} must be a valid email address of at most ${EMAIL_MAX_LENGTH} characters, without control or invisible characters`,
      },
    });
  };
}
