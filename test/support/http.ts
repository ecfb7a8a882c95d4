import type { Server } from 'node:http';
import request from 'supertest';
import type { OpenApiConformance } from './openapi-conformance.js';

/** A supertest client bound to one app's HTTP server. */
export type Http = ReturnType<typeof request>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options'] as const;

/**
 * A supertest client whose every response is also checked against the app's OpenAPI document,
 * so a test that meets an undocumented status or body fails, naming the route and the drift.
 */
export function conformingHttp(server: Server, conformance: OpenApiConformance): Http {
  const http = request(server);
  for (const method of METHODS) {
    const send = http[method].bind(http) as (url: string) => request.Test;
    (http as unknown as Record<string, unknown>)[method] = (url: string) =>
      send(url).expect((response) =>
        conformance.check(method === 'del' ? 'delete' : method, url, response),
      );
  }
  return http;
}
