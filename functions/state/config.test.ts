// Reading the state store's configuration: the engine follows the environment, and every refusal names the
// variable in Dutch and English without ever repeating a password.
import { describe, expect, it } from 'vitest';
import { readStateConfig } from './config.ts';
import { StateConfigError } from './errors.ts';
import { openStateStore } from './open.ts';

const SECRET = 'Geheim-Wachtw00rd';

function refusal(env: Record<string, string>): StateConfigError {
  try {
    readStateConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(StateConfigError);
    return err as StateConfigError;
  }
  throw new Error('expected a refusal');
}

describe('state store configuration', () => {
  it('defaults to SQLite in .plein/state, follows PLEIN_STATE_DIR, and picks PostgreSQL for PLEIN_DATABASE_URL', () => {
    expect(readStateConfig({})).toEqual({ engine: 'sqlite', dir: '.plein/state', file: '.plein/state/plein.db' });
    expect(readStateConfig({ PLEIN_STATE_DIR: '/var/lib/plein/' })).toMatchObject({ file: '/var/lib/plein/plein.db' });
    expect(readStateConfig({ PLEIN_DATABASE_URL: `postgresql://plein:${SECRET}@db.intern:5432/plein`, PLEIN_DATABASE_POOL_MAX: '20' })).toMatchObject({ engine: 'postgres', poolMax: 20 });
    expect(readStateConfig({ PLEIN_DATABASE_URL: 'postgres:///plein?host=/run/postgresql' })).toMatchObject({ engine: 'postgres' });
  });

  it.each([
    ['not a URL', { PLEIN_DATABASE_URL: `plein:${SECRET}@db.intern/plein` }, 'PLEIN_DATABASE_URL'],
    ['a broken URL', { PLEIN_DATABASE_URL: `postgres://plein:${SECRET}@db intern:5432/plein` }, 'PLEIN_DATABASE_URL'],
    ['another scheme', { PLEIN_DATABASE_URL: `mysql://plein:${SECRET}@db.intern/plein` }, 'PLEIN_DATABASE_URL'],
    ['no database', { PLEIN_DATABASE_URL: `postgres://plein:${SECRET}@db.intern:5432` }, 'PLEIN_DATABASE_URL'],
    ['no user', { PLEIN_DATABASE_URL: `postgres://:${SECRET}@db.intern/plein` }, 'PLEIN_DATABASE_URL'],
    ['empty', { PLEIN_DATABASE_URL: ' ' }, 'PLEIN_DATABASE_URL'],
    ['a bad pool size', { PLEIN_DATABASE_URL: `postgres://plein:${SECRET}@db.intern/plein`, PLEIN_DATABASE_POOL_MAX: 'veel' }, 'PLEIN_DATABASE_POOL_MAX'],
    ['half a configuration', { PLEIN_DATABASE_POOL_MAX: '5' }, 'PLEIN_DATABASE_POOL_MAX'],
    ['an empty state folder', { PLEIN_STATE_DIR: '' }, 'PLEIN_STATE_DIR'],
  ])('refuses %s in Dutch and English, naming the variable and never the password', (_, env, variable) => {
    const err = refusal(env);
    expect(err.message).toContain(variable);
    expect(err.message).toMatch(/ \/ /); // Dutch, then English
    expect(`${err.message} ${err.stack} ${JSON.stringify(err)}`).not.toContain(SECRET);
    expect(err.cause).toBeUndefined();
  });

  it('refuses to open a store on a bad configuration, with the same password-free error', async () => {
    const err = await openStateStore({ PLEIN_DATABASE_URL: `postgres://plein:${SECRET}@/` }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(StateConfigError);
    expect(String(err)).not.toContain(SECRET);
  });
});
