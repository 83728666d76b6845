// Wraps a Kysely dialect so that every failure of the database itself (unreachable, failing, disk full) surfaces
// as one StateUnavailableError: the repositories stay free of try/catch, and the API maps one class to 503.
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';
import { toUnavailable } from './errors.ts';

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toUnavailable(err);
  }
}

function guardDriver(inner: Driver): Driver {
  // Kysely hands our wrapper back to release/commit; the engine wants its own connection object.
  const unwrap = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const own = (c: DatabaseConnection) => unwrap.get(c) ?? c;
  const wrap = (connection: DatabaseConnection): DatabaseConnection => {
    const outer: DatabaseConnection = {
      executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> => guarded(() => connection.executeQuery<R>(query)),
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
    unwrap.set(outer, connection);
    return outer;
  };
  const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  return {
    init: () => guarded(() => inner.init()),
    acquireConnection: () =>
      guarded(async () => {
        const c = await inner.acquireConnection();
        let outer = wrapped.get(c);
        if (!outer) wrapped.set(c, (outer = wrap(c)));
        return outer;
      }),
    beginTransaction: (c, settings: TransactionSettings) => guarded(() => inner.beginTransaction(own(c), settings)),
    commitTransaction: (c) => guarded(() => inner.commitTransaction(own(c))),
    rollbackTransaction: (c) => guarded(() => inner.rollbackTransaction(own(c))),
    releaseConnection: (c) => inner.releaseConnection(own(c)),
    destroy: () => inner.destroy(),
  };
}

/** The same dialect, with database failures turned into StateUnavailableError. */
export function guardDialect(inner: Dialect): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => guardDriver(inner.createDriver()),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
  };
}
