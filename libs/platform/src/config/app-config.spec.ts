import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has defaults that run Dragnet on a machine with nothing but Node', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      MAIL_OUTBOX_DIR: 'var/outbox',
      MIGRATIONS_RUN: true,
      EMBEDDED_POSTGRES_DIR: 'var/postgres',
      EMBEDDED_POSTGRES_PORT: 0,
      INITIAL_ADMIN_PASSWORD_FILE: 'var/initial-admin-password',
    });
    // Unset means embedded: `npm start` starts a PostgreSQL of its own, and the queues use it.
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.queueBackend).toBe('postgres');
    expect(() => config.databaseUrl).toThrow(/DATABASE_URL is not set/);
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('uses the servers it is given, and Redis for the queues once REDIS_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/dragnet', REDIS_URL: 'redis://cache:6379' });
    expect(config.databaseUrl).toBe('postgres://db/dragnet');
    expect(config.queueBackend).toBe('redis');
  });

  it('names every bad variable at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://x/y',
        REDIS_URL: 'localhost',
        PORT: 'eighty',
        SMTP_URL: 'http://mail',
        NODE_ENV: 'staging',
      });
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const named = error!.problems.map((problem) => problem.split(/[ :]/)[0]);
    expect(named).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'PORT', 'SMTP_URL', 'NODE_ENV']));
    expect(error!.message).toContain('Invalid configuration');
  });

  it('requires a strong JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).jwtSecret).toBe('x'.repeat(32));
  });

  it('takes ADMIN_EMAIL and ADMIN_PASSWORD only together', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'admin@example.org' })).toThrow(/ADMIN_PASSWORD/);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'long enough password' })).toThrow(/ADMIN_EMAIL/);
    expect(loadConfig({ ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'long enough password' }).ADMIN_EMAIL).toBe(
      'admin@example.org',
    );
  });

  it('reads booleans and numbers from strings', () => {
    expect(loadConfig({ MIGRATIONS_RUN: 'false', PORT: '8080' })).toMatchObject({ MIGRATIONS_RUN: false, PORT: 8080 });
  });

  it('validates the schedule, rate and worker settings', () => {
    expect(loadConfig({ DIGEST_HOUR: '18', DIGEST_TIMEZONE: 'Europe/Paris', MAIL_RATE_MAX: '5' })).toMatchObject({
      DIGEST_HOUR: 18,
      DIGEST_TIMEZONE: 'Europe/Paris',
      MAIL_RATE_MAX: 5,
    });
    let error: ConfigError | undefined;
    try {
      loadConfig({
        DIGEST_HOUR: '24',
        DIGEST_TIMEZONE: 'Mars/Olympus',
        MAIL_RATE_MAX: '0',
        ROLLUP_DEBOUNCE_MS: 'soon',
      });
    } catch (caught) {
      error = caught as ConfigError;
    }
    const named = error!.problems.map((problem) => problem.split(/[ :]/)[0]);
    expect(named).toEqual(
      expect.arrayContaining(['DIGEST_HOUR', 'DIGEST_TIMEZONE', 'MAIL_RATE_MAX', 'ROLLUP_DEBOUNCE_MS']),
    );
  });

  it('derives PUBLIC_URL from PORT when it is not set', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', PUBLIC_URL: 'https://dragnet.example/' }).publicUrl).toBe(
      'https://dragnet.example',
    );
  });

  it('trusts X-Forwarded-For from no proxy unless TRUSTED_PROXIES names them', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUSTED_PROXIES: 'loopback, 10.0.0.0/8,2001:db8::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '2001:db8::1',
    ]);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES must be/);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'everyone' })).toThrow(/TRUSTED_PROXIES must be/);
  });

  it('derives the Redis namespace from the database unless QUEUE_PREFIX is set', () => {
    const one = loadConfig({ DATABASE_URL: 'postgres://app@db-a:5432/dragnet' }).queuePrefix;
    const other = loadConfig({ DATABASE_URL: 'postgres://app@db-b:5432/dragnet' }).queuePrefix;
    expect(one).toMatch(/^\{dragnet-dragnet-[0-9a-f]{8}\}$/);
    expect(other).not.toBe(one);
    expect(loadConfig({ QUEUE_PREFIX: '{hydra}' }).queuePrefix).toBe('{hydra}');
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/3' }).redisDatabase).toBe(3);
  });
});
