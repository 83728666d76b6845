// Which database the Node host opens, read from the environment: SQLite in PLEIN_STATE_DIR by default, PostgreSQL
// when PLEIN_DATABASE_URL is set. A bad configuration stops the server with a Dutch and an English message that
// names the variable and never repeats its value (it may hold a password).
import { StateConfigError } from './errors.ts';

/** Where the embedded SQLite file lives when PLEIN_STATE_DIR is not set. */
export const DEFAULT_STATE_DIR = '.plein/state';
/** The SQLite file's name inside the state folder. */
export const STATE_FILE = 'plein.db';

/** The database to open: an SQLite file, or a PostgreSQL server (whose URL must never be logged). */
export type StateConfig = { engine: 'sqlite'; dir: string; file: string } | { engine: 'postgres'; url: string; poolMax: number };

type Env = Record<string, string | undefined>;

function refuse(variable: string, dutch: string, english: string): never {
  throw new StateConfigError(`${variable} ${dutch} / ${variable} ${english}`);
}

function readPoolMax(env: Env): number {
  const raw = env.PLEIN_DATABASE_POOL_MAX;
  if (raw === undefined) return 10;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > 1000)
    refuse('PLEIN_DATABASE_POOL_MAX', 'moet een geheel getal van 1 tot en met 1000 zijn.', 'must be a whole number from 1 to 1000.');
  return Number(raw);
}

function checkPostgresUrl(raw: string): string {
  const name = 'PLEIN_DATABASE_URL';
  if (!raw.trim()) refuse(name, 'is gezet maar leeg: laat hem weg (SQLite) of geef een postgres://-adres.', 'is set but empty: unset it (SQLite) or give a postgres:// address.');
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    // The parser's own message quotes the input, password and all: say only what is wrong.
    refuse(name, 'is geen geldig adres; verwacht postgres://gebruiker:wachtwoord@server:5432/database.', 'is not a valid address; expected postgres://user:password@host:5432/database.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    refuse(name, 'moet met postgres:// of postgresql:// beginnen.', 'must start with postgres:// or postgresql://.');
  if (!url.hostname && !url.searchParams.get('host')) refuse(name, 'noemt geen server (host).', 'names no server (host).');
  if (url.pathname.length <= 1) refuse(name, 'noemt geen database (het deel na de laatste /).', 'names no database (the part after the last /).');
  if (url.password && !url.username) refuse(name, 'heeft een wachtwoord maar geen gebruikersnaam.', 'has a password but no user name.');
  return raw.trim();
}

/** Reads PLEIN_DATABASE_URL, PLEIN_DATABASE_POOL_MAX and PLEIN_STATE_DIR; throws StateConfigError when they are wrong. */
export function readStateConfig(env: Env): StateConfig {
  const url = env.PLEIN_DATABASE_URL;
  if (url === undefined) {
    // Half a configuration: a pool size without a server to pool.
    if (env.PLEIN_DATABASE_POOL_MAX !== undefined)
      refuse('PLEIN_DATABASE_POOL_MAX', 'is gezet zonder PLEIN_DATABASE_URL.', 'is set without PLEIN_DATABASE_URL.');
    const dir = env.PLEIN_STATE_DIR ?? DEFAULT_STATE_DIR;
    if (!dir.trim()) refuse('PLEIN_STATE_DIR', 'is gezet maar leeg.', 'is set but empty.');
    return { engine: 'sqlite', dir, file: `${dir.replace(/\/+$/, '')}/${STATE_FILE}` };
  }
  return { engine: 'postgres', url: checkPostgresUrl(url), poolMax: readPoolMax(env) };
}
