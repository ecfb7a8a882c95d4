// The chaos test's clients: requests described once (so a client can send the same one again to
// another instance), a tally per scenario, and the SQL checks of what was acknowledged.
import { randomClientAddress, send } from '../support/http-client.js';

export const PASSWORD = 'chaos-test-passphrase-57';
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers of one scenario by class, the connection failures by code, and the checks that failed. */
export class Tally {
  constructor(scenario) {
    this.scenario = scenario;
    this.requests = 0;
    this.classes = { '2xx': 0, '4xx': 0, '5xx': 0 };
    this.connectionErrors = {};
    this.statuses = {};
    this.failures = [];
    this.lostWrites = 0;
    this.recoverySeconds = null;
    this.notes = [];
  }

  add(result) {
    this.requests += 1;
    if (result.error) {
      this.connectionErrors[result.error] = (this.connectionErrors[result.error] ?? 0) + 1;
      return;
    }
    this.statuses[result.status] = (this.statuses[result.status] ?? 0) + 1;
    const category = `${String(result.status)[0]}xx`;
    if (category in this.classes) this.classes[category] += 1;
  }

  check(condition, message) {
    if (!condition) this.failures.push(message);
  }
}

/** One request, sent to an instance and counted; `from` is a random client address. */
export async function sendCounted(tally, instance, request) {
  const result = await send(instance.base, request.method, request.path, {
    body: request.body,
    token: request.token,
    from: randomClientAddress(),
  });
  tally.add(result);
  return result;
}

/** sendCounted, then the request's own bookkeeping (`onAnswer`). */
export async function sendAndRecord(tally, instance, request) {
  const result = await sendCounted(tally, instance, request);
  request.onAnswer?.(result, instance);
  return result;
}

/**
 * What a client of the chaos test does, as request descriptors: `onAnswer(result, instance)`
 * records what the answer means (an acknowledged sign-up, a session and where it was opened).
 */
export class ClientMix {
  constructor(world) {
    this.world = world;
  }

  signUp(client) {
    const email = `chaos.${this.world.nextEmail++}@example.com`;
    return {
      kind: 'signUp',
      method: 'POST',
      path: '/auth/signup',
      body: { email, password: PASSWORD },
      onAnswer: (result, instance) => {
        if (result.status === 201) {
          this.world.acknowledged.push(email);
          client.sessions.push({ tokens: result.body, openedOn: instance.name });
        }
      },
    };
  }

  signIn(client) {
    const accounts = this.world.accounts;
    const email = accounts[Math.floor(Math.random() * accounts.length)];
    return {
      kind: 'signIn',
      method: 'POST',
      path: '/auth/login',
      body: { email, password: PASSWORD },
      onAnswer: (result, instance) => {
        if (result.status === 200)
          client.sessions.push({ tokens: result.body, openedOn: instance.name });
      },
    };
  }

  /** A refresh of one of the client's own sessions (a session is never refreshed twice at once). */
  refresh(client) {
    const session = pickIdle(client);
    if (!session) return this.signIn(client);
    session.busy = true;
    return {
      kind: 'refresh',
      method: 'POST',
      path: '/auth/refresh',
      body: { refreshToken: session.tokens.refreshToken },
      onAnswer: (result) => {
        session.busy = false;
        if (result.status === 200) session.tokens = result.body;
        // Cut in flight: the server may have rotated the token, whose answer is lost.
        else if (result.error) session.uncertain = true;
        else if (result.status === 401) session.revoked = true;
      },
    };
  }

  readMe(client) {
    const session = pickIdle(client);
    if (!session) return this.signIn(client);
    return { kind: 'me', method: 'GET', path: '/me', token: session.tokens.accessToken };
  }

  /** Sign-ups 15 %, sign-ins 15 %, refreshes 30 %, GET /me 40 %. */
  next(client) {
    const roll = Math.random();
    if (roll < 0.15) return this.signUp(client);
    if (roll < 0.3) return this.signIn(client);
    if (roll < 0.6) return this.refresh(client);
    return this.readMe(client);
  }
}

function pickIdle(client) {
  const usable = client.sessions.filter(
    (session) => !session.busy && !session.uncertain && !session.revoked,
  );
  return usable.length === 0 ? null : usable[Math.floor(Math.random() * usable.length)];
}

/** `count` clients, each sending one request after another (pausing `pauseMs`) until `stop()`. */
export async function runClients(count, stop, step, pauseMs = 40) {
  const clients = Array.from({ length: count }, (_, index) => ({ index, sessions: [] }));
  await Promise.all(
    clients.map(async (client) => {
      while (!stop()) {
        await step(client);
        await sleep(pauseMs);
      }
    }),
  );
  return clients;
}

/** Acknowledged sign-ups (201) that the database does not hold, with their email. */
export async function lostAcknowledgedWrites(sql, emails) {
  if (emails.length === 0) return 0;
  const found = await sql.query(
    'select count(distinct normalized_email)::int as n from userkit_email_addresses where normalized_email = any($1)',
    [emails],
  );
  return new Set(emails).size - found.rows[0].n;
}

/** Users written half-way: a (non-anonymous) user without an email, any user without a role. */
export async function halfWrittenUsers(sql) {
  const { rows } = await sql.query(`
    select
      (select count(*)::int from userkit_users u where not u.is_anonymous
        and not exists (select 1 from userkit_email_addresses e where e.user_id = u.id)) as without_email,
      (select count(*)::int from userkit_users u
        where not exists (select 1 from userkit_user_roles r where r.user_id = u.id)) as without_role`);
  return rows[0].without_email + rows[0].without_role;
}

/** Polls `probe` (resolving true when recovered) every 100 ms: seconds it took, or null past `limitMs`. */
export async function secondsUntil(probe, limitMs) {
  const startedAt = Date.now();
  while (Date.now() - startedAt < limitMs) {
    if (await probe()) return (Date.now() - startedAt) / 1000;
    await sleep(100);
  }
  return null;
}
