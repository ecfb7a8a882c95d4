import { registerDecorator, type ValidationArguments } from 'class-validator';
import { metadataProblem } from './json-metadata.js';

/** class-validator rule for publicMetadata / privateMetadata / unsafeMetadata. */
export function IsJsonMetadata(): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isJsonMetadata',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => metadataProblem(value) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${metadataProblem(args.value)}`,
      },
    });
  };
}
