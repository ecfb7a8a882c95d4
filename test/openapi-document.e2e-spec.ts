import request from 'supertest';
import { OpenApiConformance } from './support/openapi-conformance.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { bearer, GOOD_PASSWORD, signUp, uniqueEmail } from './support/users.js';

type Json = Record<string, any>;

const BODY_METHODS = ['post', 'put', 'patch', 'delete'];

describe('the OpenAPI document is true to the behaviour', () => {
  let t: TestApp;
  let document: Json;

  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http.get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  const schema = (name: string): Json => document.components.schemas[name];

  it('declares the profile fields as nullable strings with the limits the validators enforce', () => {
    for (const dto of ['SignUpDto', 'UpdateProfileDto', 'AdminUpdateUserDto']) {
      for (const field of ['displayName', 'firstName', 'lastName'])
        expect(schema(dto).properties[field]).toMatchObject({
          type: 'string',
          nullable: true,
          maxLength: 200,
        });
      expect(schema(dto).properties.picture).toMatchObject({
        type: 'string',
        format: 'uri',
        nullable: true,
        maxLength: 2048,
      });
    }
    expect(schema('SignUpDto').properties.email).toMatchObject({ format: 'email', maxLength: 254 });
    expect(schema('VerificationCodeDto').properties.code.pattern).toBe('^\\d{6}$');
  });

  it('closes every request body (the pipe refuses unknown fields) and documents its errors', () => {
    for (const [path, item] of Object.entries<Json>(document.paths)) {
      for (const [method, operation] of Object.entries<Json>(item)) {
        const body = operation.requestBody?.content?.['application/json']?.schema;
        if (body?.$ref) {
          const name = body.$ref.split('/').pop();
          expect({ route: `${method} ${path}`, closed: schema(name).additionalProperties }).toEqual(
            {
              route: `${method} ${path}`,
              closed: false,
            },
          );
        }
        if (
          !path.startsWith('/hello') &&
          !path.startsWith('/health') &&
          BODY_METHODS.includes(method)
        )
          for (const status of ['400', '413', '415'])
            expect({
              route: `${method} ${path}`,
              status,
              schema: operation.responses[status]?.content?.['application/json']?.schema,
            }).toEqual({
              route: `${method} ${path}`,
              status,
              schema: { $ref: '#/components/schemas/ErrorResponse' },
            });
      }
    }
  });

  it('documents the error body with its stable code, and Retry-After on 429', () => {
    expect(schema('ErrorResponse').required).toEqual(
      expect.arrayContaining(['statusCode', 'error', 'message', 'code']),
    );
    expect(schema('UserErrorCode').enum).toEqual(
      expect.arrayContaining(['VALIDATION_FAILED', 'MALFORMED_JSON', 'UNSUPPORTED_MEDIA_TYPE']),
    );
    expect(
      document.paths['/auth/login'].post.responses['429'].headers['Retry-After'],
    ).toBeDefined();
    expect(document.paths['/me'].get.responses['401'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ErrorResponse',
    });
  });

  it('declares the bearer token only on routes that need it', () => {
    expect(document.paths['/hello/public'].get.security).toBeUndefined();
    expect(document.paths['/hello'].get.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/me'].get.security).toEqual([{ bearer: [] }]);
  });

  it('the response check names the route, status and drift when the document does not match', async () => {
    const withoutMe401 = structuredClone(document);
    delete withoutMe401.paths['/me'].get.responses['401'];
    const response = await request(t.app.getHttpServer()).get('/me');
    expect(response.status).toBe(401);
    expect(() => new OpenApiConformance(withoutMe401).check('get', '/me', response)).toThrow(
      /GET \/me → 401 is not documented/,
    );

    const user = await signUp(t.http);
    const me = await request(t.app.getHttpServer()).get('/me').set(bearer(user.accessToken));
    const withoutEmail = structuredClone(document);
    delete withoutEmail.components.schemas.UserResponse.properties.primaryEmail;
    expect(() => new OpenApiConformance(withoutEmail).check('get', '/me', me)).toThrow(
      /GET \/me → 200 body does not match its schema: .*must NOT have additional properties/,
    );
    expect(() => new OpenApiConformance(document).check('get', '/me', me)).not.toThrow();
  });
});

describe('bodies only in the content types a route documents (415)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses a url-encoded sign-in (a cross-site form post) and signs nobody in', async () => {
    const user = await signUp(t.http);
    const response = await t.http
      .post('/auth/login')
      .type('form')
      .send({ email: user.email, password: GOOD_PASSWORD })
      .expect(415);
    expect(response.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(response.body.accessToken).toBeUndefined();
    expect(response.headers['set-cookie']).toBeUndefined();
    // Only the sign-up's own session exists.
    const sessions = await t.http.get('/me/sessions').set(bearer(user.accessToken)).expect(200);
    expect(sessions.body).toHaveLength(1);
  });

  it('refuses a text/plain sign-up and creates nobody', async () => {
    const email = uniqueEmail();
    await t.http
      .post('/auth/signup')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ email, password: GOOD_PASSWORD }))
      .expect(415);
    await t.http.post('/auth/signup').send({ email, password: GOOD_PASSWORD }).expect(201);
  });

  it('takes JSON with a charset, and a form post to a signed-in route is refused too', async () => {
    const user = await signUp(t.http);
    await t.http
      .post('/auth/login')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ email: user.email, password: GOOD_PASSWORD }))
      .expect(200);
    await t.http
      .patch('/me')
      .set(bearer(user.accessToken))
      .type('form')
      .send({ displayName: 'Form' })
      .expect(415);
    const me = await t.http.get('/me').set(bearer(user.accessToken)).expect(200);
    expect(me.body.displayName).not.toBe('Form');
  });

  it('keeps multipart for the profile image: extra parts are refused with a code', async () => {
    const user = await signUp(t.http);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const extra = await t.http
      .put('/me/profile-image')
      .set(bearer(user.accessToken))
      .attach('file', png, 'a.png')
      .field('picture', 'https://evil.example/x.png')
      .expect(400);
    expect(extra.body).toMatchObject({ statusCode: 400, code: 'PROFILE_IMAGE_MISSING' });
    const wrongField = await t.http
      .put('/me/profile-image')
      .set(bearer(user.accessToken))
      .attach('image', png, 'a.png')
      .expect(400);
    expect(wrongField.body.code).toBe('PROFILE_IMAGE_MISSING');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await t.http
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
  });
});
