import { Transform } from 'class-transformer';
import { registerDecorator } from 'class-validator';
import { normalizeUsername, USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from './username.js';

/** A valid username, lower-cased on the way in (the form it is stored and compared in). */
export function IsUsername(): PropertyDecorator {
  const toStored = Transform(
    ({ value }) => (typeof value === 'string' ? (normalizeUsername(value) ?? value) : value),
    { toClassOnly: true },
  );
  return (target, propertyName) => {
    toStored(target, propertyName);
    registerDecorator({
      name: 'isUsername',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && normalizeUsername(value) === value,
        defaultMessage: () =>
          `${String(propertyName)} must be ${USERNAME_MIN_LENGTH} to ${USERNAME_MAX_LENGTH} letters, digits, "_", "." or "-"`,
      },
    });
  };
}
