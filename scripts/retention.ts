// `npm run retention [-- --dry-run] [-- --json] [-- --repo <dir>]`: applies the retention terms (the site setting
// `bewaartermijn`, issue 19) once, for a cron job or CI: the posts and comments past their term (with their photos
// and the comments under a removed post) are removed from the content repository in one commit, and the state-store
// rows past their term are deleted. With --dry-run it only counts. The content repository is the local git
// repository (--repo, default this project) or GitHub when PLEIN_GITHUB_* is set, like the server; the state store
// comes from PLEIN_DATABASE_URL or PLEIN_STATE_DIR. Prints counts only, never a name or a text. The yearly history
// purge is `npm run erase -- … --history` (docs/privacy.md).
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createContentPaths } from '../functions/content/paths.ts';
import type { PleinEnv } from '../functions/env.ts';
import { openGithubStore, openServerState } from '../functions/hosts/node/plein-server.ts';
import { runRetention } from '../functions/retention/run.ts';
import { readStoreChoice } from '../functions/store/github/github-config.ts';
import { createLocalGitStore } from '../functions/store/local-git-store.ts';
import { contentDirFromEnv, DEFAULT_CONTENT_DIR } from '../src/lib/content-dir.ts';

const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, repo: { type: 'string' } } });
const env = process.env as PleinEnv;
const root = resolve(values.repo ?? resolve(import.meta.dirname, '..'));
const contentDir = relative(root, resolve(root, contentDirFromEnv(env))) || DEFAULT_CONTENT_DIR;
const state = await openServerState(env, root);
const github = readStoreChoice(env);
const store = github ? (await openGithubStore(github, state)).store : createLocalGitStore({ repoDir: root, state, waitForCommit: true });
try {
  const dryRun = values['dry-run'] === true;
  const report = await runRetention({ store, paths: createContentPaths(contentDir), state, env, now: () => new Date() }, { dryRun });
  await store.flush();
  const rows = Object.entries(report.rows).filter(([, n]) => n > 0);
  if (values.json) {
    console.log(JSON.stringify({ dryRun, terms: report.terms, posts: report.removal.posts.length, comments: report.removal.comments.length, files: report.removal.paths.length, commit: report.commit ?? null, rows: report.rows }));
  } else {
    const verb = dryRun ? 'zou verwijderen' : 'verwijderde';
    console.log(`Bewaartermijn${dryRun ? ' (proef, er verandert niets)' : ''}: ${verb} ${report.removal.posts.length} bericht(en) en ${report.removal.comments.length} reactie(s) (${report.removal.paths.length} bestand(en))${report.commit ? ` in commit ${report.commit.slice(0, 12)}` : ''}.`);
    console.log(`Statusopslag: ${rows.length ? rows.map(([name, n]) => `${name} ${n}`).join(', ') : 'niets te verwijderen'}.`);
    console.log(`Termijnen (maanden): ${Object.entries(report.terms).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  }
} finally {
  await store.close();
  await state.close();
}
