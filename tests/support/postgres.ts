// A throwaway PostgreSQL cluster for tests: Debian's `postgresql` package (initdb + postgres from
// /usr/lib/postgresql/<version>/bin), run as the `postgres` OS user (PostgreSQL refuses root) in a folder under
// os.tmpdir(), on a free loopback port, trust auth for loopback only. Removed again by stop().
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { getFreePort } from '../../scripts/lib/free-port.ts';

const ROOT = '/usr/lib/postgresql';

/** A running throwaway cluster. */
export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth: no password). */
  url: string;
  /** Shuts down (fast) and removes the folder. */
  stop(): Promise<void>;
  /** SIGKILLs the postmaster (a crash, for fault tests); the folder stays so restart() can bring it back. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder (stopping it first when it still runs). */
  restart(): Promise<void>;
}

/** The newest installed version's bin folder, or undefined when Debian's postgresql is not installed. */
export function findPostgresBin(): string | undefined {
  if (!existsSync(ROOT)) return undefined;
  const versions = readdirSync(ROOT).filter((v) => existsSync(join(ROOT, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(ROOT, versions[0], 'bin') : undefined;
}

/**
 * Why PostgreSQL tests cannot run here (undefined when they can). Under CI=true a missing PostgreSQL is an error,
 * not a skip: `.ci/run` installs it, so its absence means the run proves less than it claims.
 */
export function postgresSkipReason(): string | undefined {
  if (findPostgresBin()) return undefined;
  const reason = `PostgreSQL is not installed (no ${ROOT}/<version>/bin/initdb); install Debian's postgresql package to run these tests`;
  if (process.env.CI === 'true') throw new Error(`${reason} — required under CI=true`);
  return reason;
}

const asRoot = process.getuid?.() === 0;

/** A command as the postgres user when we are root (initdb and postgres refuse to run as root). */
function asPostgres(bin: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}) before accepting connections:\n${log()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`postgres did not accept connections within 30 s:\n${log()}`);
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/** Starts a throwaway cluster. `durable: true` keeps fsync on (for tests about durability; slower). */
export async function startTestPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(postgresSkipReason() ?? 'PostgreSQL is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'plein-pg-'));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  mkdirSync(sockets);
  if (asRoot) for (const p of [dir, sockets]) chownSync(p, uidOf('postgres'), gidOf('postgres'));
  const [cmd, args] = asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C']);
  const init = spawnSync(cmd, args, { encoding: 'utf8' });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  const port = await getFreePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  // fsync=off only risks data on an OS crash; a killed postgres (kill()) still finds its WAL in the page cache.
  const fast = options.durable ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off'];
  let child: ChildProcess | undefined;
  let output = '';

  async function start() {
    const [c, a] = asPostgres(join(bin as string, 'postgres'), ['-D', data, '-p', String(port), '-k', sockets, '-c', 'listen_addresses=127.0.0.1', ...fast]);
    output = '';
    const started = spawn(c, a, { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (d) => (output += d));
    started.stderr?.on('data', (d) => (output += d));
    child = started;
    await waitUntilReady(url, started, () => output);
  }

  /** The postmaster's pid from its pid file (runuser sits between us and it, so the child's pid is not it). */
  function postmasterPid(): number | undefined {
    try {
      return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
    } catch {
      return undefined;
    }
  }

  async function signal(sig: NodeJS.Signals) {
    const pid = postmasterPid();
    if (child && pid) {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
      await exited(child);
    }
    child = undefined;
  }

  await start();
  return {
    url,
    stop: async () => {
      await signal('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
    kill: () => signal('SIGKILL'),
    restart: async () => {
      await signal('SIGINT');
      await start();
    },
  };
}

function idOf(flag: '-u' | '-g', user: string): number {
  return Number(spawnSync('id', [flag, user], { encoding: 'utf8' }).stdout.trim());
}
const uidOf = (user: string) => idOf('-u', user);
const gidOf = (user: string) => idOf('-g', user);
