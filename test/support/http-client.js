// One HTTP request with node:http, as the chaos and soak tests need it: a fresh connection per
// request (unless an agent is given), the timing, and a connection failure reported as a value
// (`error: 'ECONNREFUSED'` — never received, safe to send elsewhere — or `'ECONNRESET'`, `'timeout'`:
// cut while in flight) instead of thrown.
import http from 'node:http';

/**
 * @returns {Promise<{ status?: number, body?: any, headers?: Record<string, string>, error?: string, startedAt: number, endedAt: number, ms: number }>}
 */
export function send(
  base,
  method,
  path,
  { body, token, from, agent = false, timeoutMs = 20_000 } = {},
) {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const done = (result) => {
      const endedAt = Date.now();
      resolve({ ...result, startedAt, endedAt, ms: endedAt - startedAt });
    };
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        agent,
        headers: {
          ...(from ? { 'x-forwarded-for': from } : {}),
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          let parsed;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            parsed = text;
          }
          done({ status: response.statusCode, body: parsed, headers: response.headers });
        });
        response.on('error', (error) => done({ error: error.code ?? error.message }));
      },
    );
    request.setTimeout(timeoutMs, () =>
      request.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })),
    );
    request.on('error', (error) => done({ error: error.code ?? error.message }));
    request.end(payload);
  });
}

/** A client address from a documentation-free private range, so per-address limits rarely meet. */
export function randomClientAddress() {
  const byte = () => Math.floor(Math.random() * 256);
  return `10.${byte()}.${byte()}.${byte()}`;
}
