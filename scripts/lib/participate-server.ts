// Child-process entry of `npm run bench:participate`: one Plein server (local git store, SQLite state store with
// synchronous=FULL, limits off) in a Node process of its own, so the bench's clients do not share its event loop.
// Settings come as JSON in PLEIN_BENCH_PARTICIPATE ({ repo, dist }); once it listens it sends { ready: port } over
// IPC; the message 'close' stops the server and closes the state store, then it answers { closed: true } and exits.
import type { AddressInfo } from 'node:net';
import { startPleinServer } from '../../functions/hosts/node/plein-server.ts';

const settings = JSON.parse(process.env.PLEIN_BENCH_PARTICIPATE ?? 'null') as { repo: string; dist: string } | null;
if (!settings || !process.send) {
  console.error('participate-server: start mij met fork() en PLEIN_BENCH_PARTICIPATE (JSON met repo en dist).');
  process.exit(2);
}
const { server, state } = await startPleinServer({
  repoDir: settings.repo,
  distDir: settings.dist,
  port: 0,
  host: '127.0.0.1',
  rebuild: false,
  env: { PLEIN_SITE_URL: 'http://127.0.0.1', PLEIN_LIMIT_APPRECIATIONS_PER_MINUTE: '0' },
});
process.on('message', async (message) => {
  if (message !== 'close') return;
  await new Promise((resolve) => server.close(resolve));
  await state.close();
  process.send!({ closed: true });
  process.disconnect();
});
// The bench that started this server is gone: stop too.
process.on('disconnect', () => process.exit(0));
process.send({ ready: (server.address() as AddressInfo).port });
