import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The parts of Express's request and response the pages use, written out so the library's types
 * need no `@types/express` (the pages run on @nestjs/platform-express, whose objects fit).
 */
export interface ExpressRequest extends IncomingMessage {
  get(header: string): string | undefined;
  protocol: string;
}

export interface ExpressResponse extends ServerResponse {
  append(header: string, value: string | string[]): this;
  send(body: unknown): this;
}
