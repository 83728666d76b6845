// `npm run db:migrate`: brings the state store (SQLite in PLEIN_STATE_DIR, or PostgreSQL at PLEIN_DATABASE_URL)
// to the newest schema this version of Plein knows. The server does the same at start; this is for an operator who
// wants it done (and seen) before rolling out. Never prints the database address: it may hold a password.
import { openStateStore } from '../functions/state/open.ts';

try {
  // Open without migrating (it still refuses a database newer than this code), then migrate and say what changed.
  const store = await openStateStore(process.env, { migrate: false });
  try {
    const { from, to } = await store.migrate();
    console.log(from === to ? `Schema is al bij versie ${to} (${store.engine}).` : `Schema bijgewerkt van versie ${from} naar ${to} (${store.engine}).`);
  } finally {
    await store.close();
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
