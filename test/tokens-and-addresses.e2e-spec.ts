import { JwtService } from '@nestjs/jwt';
import { createHmac, randomUUID } from 'node:crypto';
import { Role } from '@dragnet/domain';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';

describe('Tokens carry every claim; forwarded addresses count only from trusted proxies', () => {
  let dragnet: TestDragnet;
  let coordinator: TestUser;
  let claims: { sub: string; role: string; gen: number; jti: string };
  let jwt: JwtService;

  beforeAll(async () => {
    // Logins made to create users count too: the address limit leaves room for them and three guesses.
    dragnet = await TestDragnet.start({ LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '4', LOGIN_RATE_WINDOW_SECONDS: '60' });
    coordinator = await dragnet.user(Role.Coordinator);
    jwt = dragnet.app.get(JwtService);
    claims = jwt.decode(coordinator.token);
  });
  afterAll(() => dragnet.close());

  const me = (token: string) => dragnet.http.get('/api/me').set(bearer({ token }));
  /** An HS256 token signed with the API's own key, carrying exactly the claims given. */
  const sign = (payload: object) => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
    const signature = createHmac('sha256', dragnet.config.jwtSecret).update(unsigned).digest('base64url');
    return `${unsigned}.${signature}`;
  };
  const now = () => Math.floor(Date.now() / 1000);
  const complete = () => ({
    sub: claims.sub,
    role: claims.role,
    gen: claims.gen,
    jti: randomUUID(),
    iat: now(),
    exp: now() + 600,
    iss: 'dragnet',
    aud: 'dragnet-api',
  });

  it('accepts the token login gives, which names its issuer and audience, and one made the same way', async () => {
    expect(jwt.decode(coordinator.token)).toMatchObject({
      iss: 'dragnet',
      aud: 'dragnet-api',
      exp: expect.any(Number),
      iat: expect.any(Number),
      jti: expect.any(String),
    });
    await me(coordinator.token).expect(200);
    await me(sign(complete())).expect(200);
  });

  it.each([
    ['no exp', { exp: undefined }],
    ['no iat', { iat: undefined }],
    ['no jti', { jti: undefined }],
    ['another issuer', { iss: 'someone-else' }],
    ['no issuer', { iss: undefined }],
    ['another audience', { aud: 'another-api' }],
    ['no audience', { aud: undefined }],
  ])('refuses a token with %s', async (_case, change) => {
    const answer = await me(sign({ ...complete(), ...change })).expect(401);
    expect(answer.body.message).toBe('Invalid or expired token');
  });

  it('ignores X-Forwarded-For by default: a caller cannot reset its per-address login limit', async () => {
    const attempt = (index: number) =>
      dragnet.http
        .post('/api/auth/login')
        .set('X-Forwarded-For', `203.0.113.${index}`)
        .send({ email: `guess${index}@dragnet.test`, password: 'a wrong guess of a password' });
    for (let index = 1; index <= 3; index++) await attempt(index).expect(401);
    await attempt(4).expect(429);
  });

  it('believes X-Forwarded-For from a proxy named in TRUSTED_PROXIES', async () => {
    const proxied = await TestDragnet.start({
      TRUSTED_PROXIES: 'loopback',
      LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '3',
      LOGIN_RATE_WINDOW_SECONDS: '60',
    });
    try {
      const attempt = (address: string, index: number) =>
        proxied.http
          .post('/api/auth/login')
          .set('X-Forwarded-For', address)
          .send({ email: `guess${index}@dragnet.test`, password: 'a wrong guess of a password' });
      // Four clients behind the proxy: each has its own count.
      for (let index = 1; index <= 4; index++) await attempt(`203.0.113.${index}`, index).expect(401);
      // One client: its fourth attempt is refused.
      for (let index = 1; index <= 2; index++) await attempt('203.0.113.1', index).expect(401);
      await attempt('203.0.113.1', 9).expect(429);
    } finally {
      await proxied.close();
    }
  });
});
