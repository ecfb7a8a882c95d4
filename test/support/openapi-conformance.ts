import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { Response } from 'supertest';

// ajv ships CommonJS; createRequire keeps its default export usable from ESM under jest.
const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

type Json = Record<string, unknown>;
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Json }>; headers?: Json }>;
}

/** The Swagger UI and document themselves (the pages, also excluded, answer HTML: see check). */
const UNDOCUMENTED_PATHS = [/^\/docs(?:-json|-yaml|\/|$)/];

/**
 * Checks responses against the app's served OpenAPI document: the status is documented for the
 * path and method, and a JSON body matches its schema, with no property the schema does not name.
 */
export class OpenApiConformance {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, discriminator: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: {
    method: string;
    pattern: RegExp;
    template: string;
    operation: Operation;
  }[] = [];

  constructor(document: Json) {
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    const closed = closeObjects(structuredClone(document)) as Json;
    this.ajv.addSchema({ $id: 'openapi', components: closed.components ?? {} });
    const paths = (closed.paths ?? {}) as Record<string, Record<string, Operation>>;
    for (const [template, item] of Object.entries(paths)) {
      const pattern = new RegExp(
        '^' +
          template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+') +
          '$',
      );
      for (const [method, operation] of Object.entries(item))
        this.routes.push({ method, pattern, template, operation });
    }
  }

  /** Throws an error naming the route, the status and the drift; nothing when the answer conforms. */
  check(method: string, url: string, response: Response): void {
    // The path as Express matches it: dot segments kept, a trailing '/' ignored.
    const path = safeDecode(url.replace(/^[a-z]+:\/\/[^/]+/i, '').split(/[?#]/)[0]!).replace(
      /(.)\/$/,
      '$1',
    );
    if (UNDOCUMENTED_PATHS.some((pattern) => pattern.test(path))) return;
    const verb = method.toLowerCase();
    const candidates = this.routes.filter((route) => route.pattern.test(path));
    const route =
      candidates.find((r) => r.method === verb && !r.template.includes('{')) ??
      candidates.find((r) => r.method === verb);
    if (!route) {
      // Nest's answer to an unknown route, and the pages the document excludes, are not API routes.
      const json = String(response.headers['content-type'] ?? '').startsWith('application/json');
      if (response.status === 404 || !json) return;
      throw new Error(
        `OpenAPI drift: ${method.toUpperCase()} ${path} is not in the document (answered ${response.status})`,
      );
    }
    const name = `${verb.toUpperCase()} ${route.template} → ${response.status}`;
    const documented = route.operation.responses?.[String(response.status)];
    if (!documented)
      throw new Error(
        `OpenAPI drift: ${name} is not documented (documented: ${Object.keys(route.operation.responses ?? {}).join(', ')}); body: ${preview(response)}`,
      );
    if (response.status === 429 && documented.headers?.['Retry-After'] === undefined)
      throw new Error(`OpenAPI drift: ${name} does not document its Retry-After header`);
    const contentType = String(response.headers['content-type'] ?? '');
    if (!contentType.startsWith('application/json')) return;
    const schema = documented.content?.['application/json']?.schema;
    if (!schema)
      throw new Error(
        `OpenAPI drift: ${name} answers JSON but documents no JSON body; body: ${preview(response)}`,
      );
    let validate = this.validators.get(name);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema) as Json);
      this.validators.set(name, validate);
    }
    if (!validate(response.body))
      throw new Error(
        `OpenAPI drift: ${name} body does not match its schema: ${this.ajv.errorsText(validate.errors, { dataVar: 'body' })}; body: ${preview(response)}`,
      );
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

function preview(response: Response): string {
  const text = response.text ?? '';
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** Points the document's `#/components/...` references at the schema registered as `openapi`. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema && typeof schema === 'object') {
    const out: Json = {};
    for (const [key, value] of Object.entries(schema))
      out[key] = key === '$ref' && typeof value === 'string' ? `openapi${value}` : rebase(value);
    return out;
  }
  return schema;
}

/** An object schema that names its properties allows no others unless it says so. */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!node || typeof node !== 'object') return node;
  const schema = node as Json;
  for (const value of Object.values(schema)) closeObjects(value);
  if (schema.properties && schema.additionalProperties === undefined)
    schema.additionalProperties = false;
  return schema;
}
