// The state store's errors: one class for "the database cannot be used now" (the API answers 503
// opslag_onbeschikbaar), one for a bad configuration and one for a database newer than this code.

/** The database is unreachable, failing or full: nothing was stored. The API maps it to 503 opslag_onbeschikbaar. */
export class StateUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StateUnavailableError';
  }
}

/** The environment describes no usable database (malformed or half a configuration); never carries a password. */
export class StateConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateConfigError';
  }
}

/** The database was migrated by a newer Plein than this one: refusing is safer than writing rows it does not know. */
export class StateTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `De database heeft schemaversie ${found}, maar deze versie van Plein kent alleen versies tot en met ${known}: ` +
        `werk Plein bij voordat u het start. / The database has schema version ${found}, but this version of Plein ` +
        `only knows versions up to ${known}: upgrade Plein before starting it.`,
    );
    this.name = 'StateTooNewError';
  }
}

/** A short, password-free reason for a failure: the driver's error code, not its message (which may quote input). */
function reasonOf(err: unknown): string {
  const e = err as { code?: unknown; errcode?: unknown; errstr?: unknown } | undefined;
  if (typeof e?.code === 'string' && e.code && e.code !== 'ERR_SQLITE_ERROR') return e.code;
  if (typeof e?.errstr === 'string') return e.errstr;
  if (typeof e?.errcode === 'number') return `sqlite ${e.errcode}`;
  return 'onbekende fout';
}

/** Turns any database failure into a StateUnavailableError (keeping the original as `cause` for the log). */
export function toUnavailable(err: unknown): Error {
  if (err instanceof StateUnavailableError || err instanceof StateTooNewError || err instanceof StateConfigError) return err;
  const reason = reasonOf(err);
  const full = /SQLITE_FULL|ENOSPC|database or disk is full|53100/i.test(`${reason} ${(err as Error)?.message ?? ''}`);
  const why = full ? 'de schijf is vol' : `de database antwoordt niet of geeft een fout (${reason})`;
  return new StateUnavailableError(`De opslag is tijdelijk niet beschikbaar: ${why}. Er is niets opgeslagen.`, { cause: err });
}
