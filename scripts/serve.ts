// `node scripts/serve.ts`: serves an existing build (PLEIN_DIST, default dist/) and the API on PORT, without rebuilding.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IdentityConfigError } from '../functions/auth/identity-config.ts';
import { startServer } from '../functions/hosts/node/server.ts';

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';
const distDir = process.env.PLEIN_DIST ?? 'dist';
if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`Geen gebouwde site in ${distDir}/. Draai eerst: npm run build`);
  process.exit(1);
}
try {
  await startServer({ distDir, port, host });
} catch (err) {
  if (!(err instanceof IdentityConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
console.log(`Plein draait op http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`);
