import { registerDecorator } from 'class-validator';
import { EMAIL_MAX_LENGTH, isValidEmail } from './email.js';

export function IsEmailAddress(): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isEmailAddress',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidEmail(value),
        defaultMessage: () =>
          `${String(propertyName)} must be a valid email address of at most ${EMAIL_MAX_LENGTH} characters`,
      },
    });
  };
}
