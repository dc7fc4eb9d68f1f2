import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  validateSync,
  ValidationError,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';

const DEVELOPMENT_JWT_SECRET = 'dragnet-development-secret-not-for-production';

const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, an address/prefix range, or one of Express' names for address ranges. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

@ValidatorConstraint({ name: 'trustedProxies' })
class TrustedProxiesRule implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && splitList(value).every(isProxyEntry);
  }

  defaultMessage(): string {
    return 'TRUSTED_PROXIES must be a comma-separated list of IP addresses, CIDR ranges (10.0.0.0/8) or loopback, linklocal, uniquelocal';
  }
}

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;

/**
 * Every setting Dragnet reads from the environment, validated at boot.
 * Defaults make `npm start` work on a machine with nothing but Node: without DATABASE_URL it starts
 * an embedded PostgreSQL, without REDIS_URL the queues, live events and login limits use Postgres.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** Unset: `npm start` runs an embedded PostgreSQL under EMBEDDED_POSTGRES_DIR and sets it for the API and worker. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^/]+\/[^/?]+/, {
    message: 'DATABASE_URL must be a postgres:// URL with a database name',
  })
  DATABASE_URL?: string;

  /** Unset: the queues, live events and login limits use PostgreSQL instead (portable mode). */
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Where the embedded PostgreSQL keeps its data (used only while DATABASE_URL is unset). */
  @IsString()
  @MinLength(1)
  EMBEDDED_POSTGRES_DIR = 'var/postgres';

  /** Port of the embedded PostgreSQL on 127.0.0.1; 0 takes a free one at each start. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT = 0;

  /** Set by `npm start` when it started the embedded PostgreSQL, so the health endpoint can say so. */
  @Transform(toBoolean)
  @IsBoolean()
  EMBEDDED_POSTGRES = false;

  /** A first start without ADMIN_EMAIL / ADMIN_PASSWORD writes the generated admin password here, once. */
  @IsString()
  @MinLength(1)
  INITIAL_ADMIN_PASSWORD_FILE = 'var/initial-admin-password';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Where users open the web console; links in e-mails start here. Default: http://localhost:<PORT>. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;

  @ValidateIf((config: AppConfig) => config.NODE_ENV === 'production' || config.JWT_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters (required when NODE_ENV=production)' })
  JWT_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_TTL_SECONDS = 8 * 3600;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  @MinLength(1)
  MAIL_OUTBOX_DIR = 'var/outbox';

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Dragnet <dragnet@localhost>';

  @ValidateIf((config: AppConfig) => config.ADMIN_PASSWORD !== undefined || config.ADMIN_EMAIL !== undefined)
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address (set together with ADMIN_PASSWORD)' })
  ADMIN_EMAIL?: string;

  @ValidateIf((config: AppConfig) => config.ADMIN_EMAIL !== undefined || config.ADMIN_PASSWORD !== undefined)
  @IsString()
  @MinLength(15, { message: 'ADMIN_PASSWORD must be at least 15 characters (set together with ADMIN_EMAIL)' })
  ADMIN_PASSWORD?: string;

  /**
   * The deployment's namespace in Redis: every queue key, limiter key and pub/sub channel starts with
   * it. Default: derived from DATABASE_URL, so deployments with their own databases never share it.
   * A Redis Cluster hash tag (`{...}`) keeps each queue's keys on one slot.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9{}_:-]+$/, { message: 'QUEUE_PREFIX may only contain letters, digits, {}, _, : and -' })
  QUEUE_PREFIX?: string;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60_000)
  OUTBOX_POLL_INTERVAL_MS = 500;

  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 1mb, 512kb or 1000b' })
  BODY_LIMIT = '1mb';

  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  /** The built web console the API serves at `/` (`npm run build:console` writes it). */
  @IsString()
  @MinLength(1)
  CONSOLE_DIR = 'dist/console';

  /** Where result files are written; API and worker must share it (same disk or volume). */
  @IsString()
  @MinLength(1)
  EXPORT_DIR = 'var/exports';

  /** Days an export stays downloadable before the sweep removes its file. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  EXPORT_RETENTION_DAYS = 7;

  /** How often the worker looks for expired exports. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(24 * 3600_000)
  EXPORT_SWEEP_INTERVAL_MS = 3600_000;

  /** Connections each process keeps to Postgres. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE = 20;

  /** How long a request waits for a free connection before answering 503. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(120_000)
  DATABASE_POOL_WAIT_MS = 5_000;

  /** A query running longer is cancelled and the request answers 503. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;

  /** How often the worker links new audit entries into the hash chain. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  AUDIT_SEAL_INTERVAL_MS = 1_000;

  /** Login attempts allowed per account (normalised e-mail, existing or not) in LOGIN_RATE_WINDOW_SECONDS. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_MAX_ATTEMPTS_PER_ACCOUNT = 10;

  /** Login attempts allowed per client address in LOGIN_RATE_WINDOW_SECONDS. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS = 100;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_RATE_WINDOW_SECONDS = 900;

  /**
   * Proxies whose X-Forwarded-For is believed (comma-separated addresses, CIDR ranges, or loopback,
   * linklocal, uniquelocal). Empty: the client address is the TCP peer, whatever headers say.
   */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @Validate(TrustedProxiesRule)
  TRUSTED_PROXIES = '';

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** How often the worker looks for reminders that fell due. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(24 * 3600_000)
  REMINDER_SWEEP_EVERY_MS = 60_000;

  /** A reminder still unsent this long after its job was queued is queued again (e.g. after Redis lost its jobs). */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(7 * 24 * 3600_000)
  REMINDER_REQUEUE_AFTER_MS = 15 * 60_000;

  /** How often every open operation's status roll-up is recomputed, whatever changed. */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(24 * 3600_000)
  ROLLUP_EVERY_MS = 15 * 60_000;

  /** After a change, the roll-up is recomputed once this long after the first change of a burst. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3600_000)
  ROLLUP_DEBOUNCE_MS = 10_000;

  /** Hour of the day (0-23, in DIGEST_TIMEZONE) the coordinators' daily digest goes out. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(23)
  DIGEST_HOUR = 6;

  @IsTimeZone({ message: 'DIGEST_TIMEZONE must be an IANA time zone such as UTC or Europe/Paris' })
  DIGEST_TIMEZONE = 'UTC';

  /** At most MAIL_RATE_MAX reminder and digest e-mails per MAIL_RATE_WINDOW_MS, across all workers. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  MAIL_RATE_MAX = 20;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3600_000)
  MAIL_RATE_WINDOW_MS = 1_000;

  /** How long a worker's lock on a running job lasts; a worker that died loses its jobs after this. */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(3600_000)
  WORKER_LOCK_DURATION_MS = 30_000;

  /** How often workers look for jobs whose worker died (stalled jobs) and run them again. */
  @Type(() => Number)
  @IsInt()
  @Min(500)
  @Max(3600_000)
  WORKER_STALLED_INTERVAL_MS = 30_000;

  /**
   * How long a process stopping on SIGTERM/SIGINT may take (jobs finishing, loops, connections)
   * before it logs what is still open and exits with code 1. Below the orchestrator's grace period
   * (Docker 10 s by default: set `stop_grace_period`; Kubernetes 30 s).
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3600_000)
  SHUTDOWN_TIMEOUT_MS = 25_000;

  /** Base of the links in e-mails: PUBLIC_URL, or this machine on PORT. */
  get publicUrl(): string {
    return (this.PUBLIC_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }

  /** The database this deployment writes to, as host:port/name: what makes a deployment itself. */
  get databaseIdentity(): string {
    const url = new URL(this.databaseUrl);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  }

  /** QUEUE_PREFIX, or `{dragnet-<database name>-<hash of host, port and name>}`. */
  get queuePrefix(): string {
    if (this.QUEUE_PREFIX) return this.QUEUE_PREFIX;
    const name = new URL(this.databaseUrl).pathname
      .slice(1)
      .replace(/[^A-Za-z0-9_-]/g, '_')
      .slice(0, 40);
    const hash = createHash('sha256').update(this.databaseIdentity).digest('hex').slice(0, 8);
    return `{dragnet-${name}-${hash}}`;
  }

  /** The Redis database number of REDIS_URL; pub/sub channels ignore it, so channel names carry it. */
  get redisDatabase(): number {
    if (!this.REDIS_URL) return 0;
    const path = new URL(this.REDIS_URL).pathname.slice(1);
    return /^\d+$/.test(path) ? Number(path) : 0;
  }

  /** TRUSTED_PROXIES as Express' `trust proxy` setting: false when empty. */
  get trustProxy(): false | string[] {
    const entries = splitList(this.TRUSTED_PROXIES);
    return entries.length === 0 ? false : entries;
  }

  /** Redis when REDIS_URL is set, PostgreSQL (BullMQ's Postgres backend, LISTEN/NOTIFY) otherwise. */
  get queueBackend(): 'redis' | 'postgres' {
    return this.REDIS_URL ? 'redis' : 'postgres';
  }

  /** The database URL, for processes that cannot run without one (the API and the worker). */
  get databaseUrl(): string {
    if (!this.DATABASE_URL) {
      throw new ConfigError([
        'DATABASE_URL is not set: `npm start` starts an embedded PostgreSQL and sets it; to run the API or worker on their own, set it',
      ]);
    }
    return this.DATABASE_URL;
  }

  get jwtSecret(): string {
    return this.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
}

/** A rule a process adds to the settings' own (e.g. the API's password policy for ADMIN_PASSWORD). */
export type ConfigCheck = (config: AppConfig) => string[];

/**
 * Reads and validates the environment; throws a ConfigError naming every bad variable, those that
 * `checks` find included.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, checks: ConfigCheck[] = []): AppConfig {
  const known = Object.keys(new AppConfig());
  const optional = [
    'JWT_SECRET',
    'SMTP_URL',
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
    'PUBLIC_URL',
    'QUEUE_PREFIX',
    'DATABASE_URL',
    'REDIS_URL',
  ];
  const raw: Record<string, string> = {};
  for (const key of [...known, ...optional]) {
    const value = environment[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const problems = describe(validateSync(config, { skipMissingProperties: false }));
  // A check reads settings that passed their own rules; a bad one is already named above.
  if (problems.length === 0) problems.push(...checks.flatMap((check) => check(config)));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Nest logger levels up to and including LOG_LEVEL. */
export function logLevels(config: Pick<AppConfig, 'LOG_LEVEL'>) {
  const levels = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return [...levels.slice(0, levels.indexOf(config.LOG_LEVEL) + 1)];
}
