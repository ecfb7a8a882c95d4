import { existsSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUserKitClient, UserKitError, type User } from '@userkit/client';
import type { FileStorage, StoredFile } from '@userkit/user/profile-images';
import {
  rejectionOf as failure,
  startListeningTestApp,
  type ListeningTestApp,
} from './support/client-app.js';
import { createTestDatabase } from './support/test-database.js';
import { GOOD_PASSWORD, uniqueEmail } from './support/users.js';

const MB = 1024 * 1024;
/** A real 1x1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** A real 1x1 GIF. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const WEBP_START = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0x24, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
]);

/** `size` bytes that start with the PNG signature (the rest is padding). */
function pngOfSize(size: number): Buffer {
  const bytes = Buffer.alloc(size, 7);
  PNG.copy(bytes, 0, 0, 8);
  return bytes;
}

async function signedInUser(baseUrl: string): Promise<User> {
  const client = createUserKitClient({ baseUrl });
  return client.signUp({ email: uniqueEmail('picture'), password: GOOD_PASSWORD });
}

describe('user.setProfileImage: PUT /me/profile-image and GET /profile-images/:id', () => {
  let t: ListeningTestApp;
  let uploads: string;
  beforeAll(async () => {
    uploads = await mkdtemp(join(tmpdir(), 'userkit-uploads-'));
    t = await startListeningTestApp({ env: { UPLOADS_DIR: uploads } });
  });
  afterAll(async () => {
    await t.close();
    await rm(uploads, { recursive: true, force: true });
  });

  /** The image behind a `picture` URL, fetched from the running app. */
  async function fetchPicture(url: string): Promise<Response> {
    return fetch(`${t.baseUrl}${new URL(url, t.baseUrl).pathname}`);
  }

  it('stores a PNG on disk, points picture to it and serves it back', async () => {
    const user = await signedInUser(t.baseUrl);
    const image = await user.setProfileImage({ file: new Blob([PNG], { type: 'image/png' }) });
    expect(image.id).toMatch(/^[0-9a-f-]{36}\.png$/);
    expect(image.url).toBe(`http://127.0.0.1:3000/profile-images/${image.id}`);
    expect(user.picture).toBe(image.url);
    expect(readdirSync(uploads)).toContain(image.id);

    const served = await fetchPicture(image.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
  });

  it("trusts the bytes, not the client's type: GIF, JPEG and WebP are recognised", async () => {
    const user = await signedInUser(t.baseUrl);
    for (const [bytes, extension, contentType] of [
      [GIF, 'gif', 'image/gif'],
      [JPEG_START, 'jpg', 'image/jpeg'],
      [WEBP_START, 'webp', 'image/webp'],
    ] as const) {
      const image = await user.setProfileImage({
        file: new Blob([bytes], { type: 'application/octet-stream' }),
      });
      expect(image.id.endsWith(`.${extension}`)).toBe(true);
      const served = await fetchPicture(image.url);
      expect(served.headers.get('content-type')).toBe(contentType);
    }
  });

  it('replacing the image deletes the previous one', async () => {
    const user = await signedInUser(t.baseUrl);
    const first = await user.setProfileImage({ file: new Blob([PNG]) });
    const second = await user.setProfileImage({ file: new Blob([GIF]) });
    expect(user.picture).toBe(second.url);
    expect(existsSync(join(uploads, first.id))).toBe(false);
    expect((await fetchPicture(first.url)).status).toBe(404);
    expect((await fetchPicture(second.url)).status).toBe(200);
  });

  it("never deletes another user's image: picture set to its URL, then an upload", async () => {
    const victim = await signedInUser(t.baseUrl);
    const image = await victim.setProfileImage({ file: new Blob([PNG]) });
    const attacker = await signedInUser(t.baseUrl);
    await attacker.update({ picture: image.url });
    await attacker.setProfileImage({ file: new Blob([GIF]) });
    expect(existsSync(join(uploads, image.id))).toBe(true);
    expect((await fetchPicture(image.url)).status).toBe(200);
    // Nor is it the attacker's to delete later.
    await attacker.setProfileImage({ file: new Blob([PNG]) });
    expect(existsSync(join(uploads, image.id))).toBe(true);
  });

  it('leaves one file after 20 parallel uploads of one user: each replaced file is deleted', async () => {
    const user = await signedInUser(t.baseUrl);
    const before = new Set(readdirSync(uploads));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => user.setProfileImage({ file: new Blob([pngOfSize(MB)]) })),
    );
    // Beyond the 8 upload slots an upload may be refused before its body is read: 503
    // UPLOADS_BUSY, or (the server answering mid-send) a connection closed under the client.
    const images = outcomes.flatMap((outcome) =>
      outcome.status === 'fulfilled' ? [outcome.value] : [],
    );
    for (const outcome of outcomes)
      if (outcome.status === 'rejected')
        expect([0, 503]).toContain((outcome.reason as UserKitError).status);
    expect(images.length).toBeGreaterThanOrEqual(2);
    const added = readdirSync(uploads).filter((name) => !before.has(name));
    expect(added).toHaveLength(1);
    await user.reload();
    expect(user.picture).toBe(images.find((image) => image.id === added[0])?.url);
  });

  it('receives at most 8 uploads at once: the next gets 503 + Retry-After before its body is read', async () => {
    const signUpResponse = await fetch(`${t.baseUrl}/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: uniqueEmail('slots'), password: GOOD_PASSWORD }),
    });
    const { accessToken } = (await signUpResponse.json()) as { accessToken: string };
    const boundary = 'userkit-slots';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n` +
        'Content-Type: image/png\r\n\r\n',
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const { port } = new URL(t.baseUrl);
    // Eight uploads that send their headers and the first bytes, then wait.
    const slow = Array.from({ length: 8 }, () => {
      const request = httpRequest({
        host: '127.0.0.1',
        port: Number(port),
        method: 'PUT',
        path: '/me/profile-image',
        headers: {
          Authorization: `Bearer ${accessToken}`,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': head.length + PNG.length + tail.length,
        },
      });
      const answered = new Promise<number>((resolve, reject) => {
        request.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
      });
      request.write(head);
      request.write(PNG.subarray(0, 8));
      return { request, answered };
    });
    // Let the eight reach the route before the ninth.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const refused = await fetch(`${t.baseUrl}/me/profile-image`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${accessToken}` },
      body: (() => {
        const form = new FormData();
        form.append('file', new Blob([PNG], { type: 'image/png' }), 'a.png');
        return form;
      })(),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { code: string }).code).toBe('UPLOADS_BUSY');
    for (const { request } of slow) request.end(Buffer.concat([PNG.subarray(8), tail]));
    expect(await Promise.all(slow.map(({ answered }) => answered))).toEqual(Array(8).fill(200));
    // The slots are free again.
    const user = await signedInUser(t.baseUrl);
    await user.setProfileImage({ file: new Blob([PNG]) });
  });

  it('accepts exactly 5 MB and refuses one byte more with 413', async () => {
    const user = await signedInUser(t.baseUrl);
    const largest = await user.setProfileImage({ file: new Blob([pngOfSize(5 * MB)]) });
    expect(user.picture).toBe(largest.url);
    const tooBig = await failure(user.setProfileImage({ file: new Blob([pngOfSize(5 * MB + 1)]) }));
    expect(tooBig).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    await user.reload();
    expect(user.picture).toBe(largest.url);
  });

  it.each([
    ['a text file labelled image/png', Buffer.from('hello, not an image'), 'image/png'],
    [
      'an SVG (scriptable)',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'image/svg+xml',
    ],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>'), 'text/html'],
    ['a PDF', Buffer.from('%PDF-1.7\n'), 'application/pdf'],
    ['a truncated PNG signature', PNG.subarray(0, 4), 'image/png'],
  ])('refuses %s with 400 and keeps the picture', async (_, bytes, type) => {
    const user = await signedInUser(t.baseUrl);
    const error = await failure(user.setProfileImage({ file: new Blob([bytes], { type }) }));
    expect(error).toMatchObject({
      status: 400,
      code: 'PROFILE_IMAGE_UNSUPPORTED',
      message: 'The file must be a PNG, JPEG, GIF or WebP image',
    });
    expect(user.picture).toBeNull();
  });

  it('refuses an empty file, another field name and extra fields with 400, a JSON body with 415', async () => {
    const user = await signedInUser(t.baseUrl);
    const client = createUserKitClient({ baseUrl: t.baseUrl });
    await client.signUp({ email: uniqueEmail('picture'), password: GOOD_PASSWORD });
    const empty = await failure(user.setProfileImage({ file: new Blob([]) }));
    expect(empty).toMatchObject({ status: 400, code: 'PROFILE_IMAGE_MISSING' });
    const json = await failure(client.request('PUT', '/me/profile-image', { file: 'x' }));
    expect(json).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });

    const wrongField = new FormData();
    wrongField.append('image', new Blob([PNG]));
    expect(await failure(client.request('PUT', '/me/profile-image', wrongField))).toMatchObject({
      status: 400,
    });
    const extraField = new FormData();
    extraField.append('file', new Blob([PNG]));
    extraField.append('picture', 'https://evil.example/x.png');
    expect(await failure(client.request('PUT', '/me/profile-image', extraField))).toMatchObject({
      status: 400,
    });
    expect((await client.request<{ picture: string | null }>('GET', '/me')).picture).toBeNull();
  });

  it('needs a session to upload', async () => {
    const form = new FormData();
    form.append('file', new Blob([PNG]));
    const response = await fetch(`${t.baseUrl}/me/profile-image`, { method: 'PUT', body: form });
    expect(response.status).toBe(401);
  });

  it.each([
    ['an unknown id', '01900000-0000-7000-8000-000000000000.png'],
    ['a malformed id', 'not-an-id'],
    ['a path out of the directory', '..%2F..%2Fetc%2Fpasswd'],
  ])('answers 404 for %s', async (_, id) => {
    const response = await fetch(`${t.baseUrl}/profile-images/${id}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, message: 'Image not found' });
  });
});

/** A host's store: keeps files in a Map and records what it was asked. */
class RecordingFileStorage implements FileStorage {
  readonly files = new Map<string, StoredFile>();
  readonly calls: string[] = [];
  constructor(private readonly publicBase?: string) {
    if (publicBase) this.urlOf = (id: string) => `${publicBase}/${id}`;
  }
  urlOf?: (id: string) => string;
  async put(id: string, data: Uint8Array, contentType: string): Promise<void> {
    this.calls.push(`put ${id} ${contentType}`);
    this.files.set(id, { data: Buffer.from(data), contentType });
  }
  async get(id: string): Promise<StoredFile | null> {
    this.calls.push(`get ${id}`);
    return this.files.get(id) ?? null;
  }
  async delete(id: string): Promise<void> {
    this.calls.push(`delete ${id}`);
    this.files.delete(id);
  }
}

describe('a host FileStorage replaces the local disk', () => {
  it('stores and serves through the host store, deletes replaced images there', async () => {
    const uploads = await mkdtemp(join(tmpdir(), 'userkit-uploads-'));
    const storage = new RecordingFileStorage();
    const t = await startListeningTestApp({
      env: { UPLOADS_DIR: uploads },
      overrides: { fileStorage: storage },
    });
    try {
      const user = await signedInUser(t.baseUrl);
      const first = await user.setProfileImage({ file: new Blob([PNG]) });
      expect(storage.calls).toEqual([`put ${first.id} image/png`]);
      expect(readdirSync(uploads)).toEqual([]);
      const served = await fetch(`${t.baseUrl}/profile-images/${first.id}`);
      expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
      const second = await user.setProfileImage({ file: new Blob([GIF]) });
      expect(storage.calls).toContain(`delete ${first.id}`);
      expect([...storage.files.keys()]).toEqual([second.id]);
    } finally {
      await t.close();
      await rm(uploads, { recursive: true, force: true });
    }
  });

  it("uses the store's own URLs when it has them (e.g. a CDN)", async () => {
    const storage = new RecordingFileStorage('https://cdn.example.com/avatars');
    const t = await startListeningTestApp({ overrides: { fileStorage: storage } });
    try {
      const user = await signedInUser(t.baseUrl);
      const image = await user.setProfileImage({ file: new Blob([PNG]) });
      expect(image.url).toBe(`https://cdn.example.com/avatars/${image.id}`);
      expect(user.picture).toBe(image.url);
      await user.setProfileImage({ file: new Blob([GIF]) });
      expect(storage.calls).toContain(`delete ${image.id}`);
    } finally {
      await t.close();
    }
  });

  it('refuses a fileStorage without put/get/delete at start-up', async () => {
    const database = await createTestDatabase();
    try {
      await expect(
        startListeningTestApp({ database, overrides: { fileStorage: {} as FileStorage } }),
      ).rejects.toThrow(/fileStorage must implement put, get and delete/);
    } finally {
      await database.drop();
    }
  });
});
