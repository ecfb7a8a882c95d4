import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments } from 'class-validator';
import { metadataProblem } from './json-metadata.js';

/**
 * class-validator rule for publicMetadata / privateMetadata / unsafeMetadata. The raw parsed JSON
 * is kept (class-transformer would silently drop `__proto__` and `constructor` keys, and the API
 * promises to refuse them, not to lose them).
 */
export function IsJsonMetadata(): PropertyDecorator {
  const keepRaw = Transform(({ obj, key }) => (obj as Record<string, unknown>)[key], {
    toClassOnly: true,
  });
  return (target, propertyName) => {
    keepRaw(target, propertyName);
    registerDecorator({
      name: 'isJsonMetadata',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => metadataProblem(value) === null,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} ${metadataProblem(args.value)}`,
      },
    });
  };
}
