import { ApiSchema, type ApiSchemaOptions } from '@nestjs/swagger';

/**
 * Marks a request body class `additionalProperties: false` in the document, as the library's
 * validation pipe refuses any field it does not declare. Per class: subclasses need their own.
 */
export function ApiStrictBody(): ClassDecorator {
  // ApiSchema copies its options into the schema; its type names only `name` and `description`.
  return ApiSchema({ additionalProperties: false } as ApiSchemaOptions);
}
