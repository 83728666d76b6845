// Test support for the crash tests: a separate process that posts through the GitHub store on the state store's
// outbox (SQLite in `stateDir`, pointed at a stand-in) and prints one line per acknowledged post, so the test can SIGKILL it at a
// chosen moment and check that every acknowledged post reaches the branch exactly once.
// Usage: node outbox-crash-child.ts '<json settings>'; mode "post" posts until killed, "drain" flushes and exits.
import { openStateStore } from '../../functions/state/open.ts';
import { createGithubStore } from '../../functions/store/github/github-store.ts';

const settings = JSON.parse(process.argv[2]) as { baseUrl: string; token: string; stateDir: string; mode: 'post' | 'drain'; prefix: string; concurrency: number };
const state = await openStateStore({ PLEIN_STATE_DIR: settings.stateDir });
const store = createGithubStore({
  config: { owner: 'wadvoort', repo: 'intranet', branch: 'main', baseUrl: settings.baseUrl, auth: { token: settings.token } },
  state,
  tuning: { minWriteIntervalMs: 0, retryAfterBaseMs: 20, warn: (m) => console.error(m) },
  batchWindowMs: 30,
  headTtlMs: 100,
  conflictBackoffMs: 5,
  retryBaseMs: 50,
});
await store.ready();
// Pipes are synchronous on Linux: a line written here reaches the test even if the process is killed next.
const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
say({ ready: true, pending: store.pending() });

if (settings.mode === 'drain') {
  await store.flush();
  say({ drained: true, pending: store.pending() });
  await store.close();
  await state.close();
  process.exit(0);
}

let next = 0;
await Promise.all(
  Array.from({ length: settings.concurrency }, async () => {
    for (;;) {
      const path = `content/berichten/2026/11/${settings.prefix}-${next++}.md`;
      await store.commit({ writes: [{ path, content: `${path}\n` }], message: `bericht ${path}`, author: { name: 'Crash Test', email: 'crash@wadvoort.nl' } });
      say({ acked: path });
      // node:sqlite answers synchronously: without a turn of the event loop these loops would starve the flusher's
      // requests (a server's posts arrive as I/O, which gives it those turns).
      await new Promise((r) => setImmediate(r));
    }
  }),
);
