// `npm start`: builds the demo organisation and serves it on http://localhost:4321.
import { spawnSync } from 'node:child_process';
import { IdentityConfigError, resolveIdentityConfig } from '../functions/auth/identity-config.ts';
import { readStoreChoice } from '../functions/store/github/github-config.ts';
import { readStateConfig } from '../functions/state/config.ts';
import { CONTENT_DIR } from '../src/config.ts';
import { startCmsServer } from '../functions/hosts/node/cms-server.ts';
import { startPleinServer } from '../functions/hosts/node/plein-server.ts';
import { BUILD_SCRIPT } from './lib/build-command.ts';

// Check the login settings before a minute of building: production refuses to start without real identity.
try {
  resolveIdentityConfig(process.env);
} catch (err) {
  if (!(err instanceof IdentityConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
// Likewise the stores: half a GitHub configuration must not quietly keep posts on this machine, and a malformed
// PLEIN_DATABASE_URL is named (never echoed) before the build, not after.
try {
  readStoreChoice(process.env);
  readStateConfig(process.env);
} catch (err) {
  console.error(`Plein: ${(err as Error).message}`);
  process.exit(1);
}

console.log('Plein: de site wordt gebouwd …');
const build = spawnSync(process.execPath, [BUILD_SCRIPT], { stdio: 'inherit', env: process.env });
if (build.status !== 0) {
  console.error('Plein: het bouwen is mislukt; zie de meldingen hierboven.');
  process.exit(build.status ?? 1);
}
const port = Number(process.env.PORT ?? 4321);
const { identity, github, state } = await startPleinServer({ repoDir: process.cwd(), contentDir: CONTENT_DIR, distDir: process.env.PLEIN_DIST ?? 'dist', port, host: process.env.HOST ?? '127.0.0.1' }).catch((err: Error) => {
  // E.g. a database that cannot be reached or is newer than this code: say which, without a stack trace.
  console.error(`Plein: de server start niet: ${err.message}`);
  process.exit(1);
});
const cms = startCmsServer(process.env, CONTENT_DIR);
console.log(`\nPlein draait op http://localhost:${port}  (stoppen: Ctrl+C)`);
console.log(`Statusopslag: ${state.engine === 'postgres' ? 'PostgreSQL (PLEIN_DATABASE_URL)' : 'SQLite in .plein/state/ (of PLEIN_STATE_DIR)'}.`);
if (github) console.log(`Berichten gaan naar GitHub: ${github.repo} (branch ${github.branch}); eerst in de outbox van de statusopslag, die na een herstart wordt afgemaakt.`);
if (identity.mode === 'demo') console.log(`Inloggen: demo-login op http://localhost:${port}/api/auth/login (kies een demo-collega)`);
if ('skipped' in cms) console.log(`Het CMS op http://localhost:${port}/admin/ kan niet lokaal opslaan: ${cms.skipped}.`);
else console.log(`Het CMS: http://localhost:${port}/admin/  (concepten worden lokale branches in ${cms.repoDir})`);
