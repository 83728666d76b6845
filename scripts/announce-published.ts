// `npm run meldingen:gepubliceerd [-- --commit <sha>] [-- --json]`: the post-build check once (functions/notifications/
// published.ts), for a deployment whose site is not built by the Node server — GitHub Actions building for Cloudflare
// Pages or another static host. Run it after the deploy succeeded, in the checkout the build used (with its whole
// history: `fetch-depth: 0`): it tells the followers of knowledge pages changed since the last check, the colleagues
// whose suggested edits were merged, and the audience of news marked `melding: true`. The commit is --commit, else
// GITHUB_SHA, else HEAD. Reads the state store like the server (PLEIN_DATABASE_URL, or SQLite in PLEIN_STATE_DIR) and
// the colleagues and content from PLEIN_CONTENT_DIR (default content/); with the GitHub store's variables
// (PLEIN_GITHUB_REPO and a token or the App) it also asks GitHub which suggested edits were closed unmerged. Prints
// counts only, never a name.
import { resolve } from 'node:path';
import { loadPeopleDirectory } from '../functions/auth/people-directory.ts';
import type { PleinEnv } from '../functions/env.ts';
import { openServerState } from '../functions/hosts/node/plein-server.ts';
import { announcePublished } from '../functions/notifications/published.ts';
import { createGithubClient, readStoreChoice } from '../functions/store/github/github-config.ts';
import { createGithubProposals } from '../functions/store/github/github-proposals.ts';
import { runGit } from '../functions/store/run-git.ts';
import { contentDirFromEnv } from '../src/lib/content-dir.ts';

const args = process.argv.slice(2);
const known = new Set(['--commit', '--json']);
const unknown = args.find((a, i) => a.startsWith('--') && !known.has(a) && args[i - 1] !== '--commit');
if (unknown) {
  console.error(`Plein: onbekende optie ${unknown}; gebruik --commit <hash> en --json.`);
  process.exit(1);
}
const at = args.indexOf('--commit');
if (at >= 0 && !args[at + 1]) {
  console.error('Plein: --commit mist de hash van de commit die gebouwd is.');
  process.exit(1);
}
const env = process.env as PleinEnv & { GITHUB_SHA?: string };
const root = resolve(import.meta.dirname, '..');
const contentDir = resolve(root, contentDirFromEnv(env));
const repoDir = await runGit(contentDir, ['rev-parse', '--show-toplevel']).then((o) => o.trim(), () => undefined);
if (!repoDir) {
  console.error(`Plein: ${contentDir} staat niet in een git-repository; zonder geschiedenis valt niet te zeggen wat er gepubliceerd is.`);
  process.exit(1);
}
const commit = (at >= 0 ? args[at + 1] : env.GITHUB_SHA) || (await runGit(repoDir, ['rev-parse', 'HEAD'])).trim();
let github;
try {
  github = readStoreChoice(env);
} catch (err) {
  console.error(`Plein: ${(err as Error).message}`);
  process.exit(1);
}
const proposals = github && createGithubProposals({ config: github, client: createGithubClient(github) });
const state = await openServerState(env, root);
try {
  const deps = { repoDir, contentDir, people: loadPeopleDirectory(contentDir), notifications: state.notifications, closedProposals: proposals?.closedSince };
  const result = await announcePublished(deps, { commit, at: Date.now() });
  console.log(args.includes('--json') ? JSON.stringify(result) : result.first
    ? 'Meldingen na de build: eerste keer; deze commit is vastgelegd, over eerdere wijzigingen wordt niemand bericht.'
    : `Meldingen na de build: ${result.pages} gevolgde pagina’s bijgewerkt, ${result.proposals} voorstellen besloten, ${result.news} nieuwsberichten als melding; ${result.notified} meldingen.`);
} catch (err) {
  console.error(`Plein: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await state.close();
}
