import { registerDecorator } from 'class-validator';
import { toE164 } from './phone-number.js';

export function IsE164PhoneNumber(): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isE164PhoneNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && toE164(value) !== null,
        defaultMessage: () =>
          `${String(propertyName)} must be a valid phone number in international (E.164) form, e.g. +14155550123`,
      },
    });
  };
}
