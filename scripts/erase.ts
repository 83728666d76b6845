// `npm run erase -- --colleague <id> [--hand-over-to <id>]` and `npm run erase -- --post <ulid>` (issue 19, AVG art. 17):
// erases a colleague (or one post on request) from the content repository in one commit by Plein, deletes their
// suggested-edit branches, then erases their rows in the state store. Prints counts only, never a name.
// Options: --repo <folder> (default: this checkout), --json (the counts as JSON).
// Exit codes: 0 done; 1 refused or failed, nothing changed; 2 the content is erased but the state store is not.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { eraseProposalRefs, findProposalRefs } from '../functions/privacy/erase-branches.ts';
import { applyErasure, ERASE_POST_MESSAGE, EraseRefusal, planColleagueErasure, planPostErasure, readerOf, type ErasePlan } from '../functions/privacy/erase.ts';
import { createLocalGitStore } from '../functions/store/local-git-store.ts';
import { PLEIN_BOT } from '../functions/store/proposal-message.ts';

const USAGE = 'Gebruik: npm run erase -- --colleague <id> [--hand-over-to <id>]   of   npm run erase -- --post <bericht-id>';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: { colleague: { type: 'string' }, 'hand-over-to': { type: 'string' }, post: { type: 'string' }, history: { type: 'boolean' }, repo: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  }).values;
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (args.history) fail('--history (de geschiedenis herschrijven) kan deze versie van Plein nog niet; er is niets veranderd. Wis eerst zonder --history.');
if (!!args.colleague === !!args.post) fail(`Noem precies één van --colleague en --post.\n${USAGE}`);
if (args.post && args['hand-over-to']) fail('--hand-over-to hoort bij --colleague, niet bij --post.');

const repoDir = resolve(args.repo ?? resolve(import.meta.dirname, '..'));
const git = (...a: string[]) => execFileSync('git', a, { cwd: repoDir, encoding: 'utf8' });
try {
  git('rev-parse', '--verify', 'HEAD');
} catch {
  fail(`${repoDir} is geen git-repository met een commit.`);
}
const dirty = git('status', '--porcelain', '--', 'content', 'public/media').trim();
if (dirty) fail('Er zijn niet-vastgelegde wijzigingen in content/ of public/media/. Leg ze eerst vast (of zet ze apart): de verwijdering moet precies één commit zijn van wat in git staat. Er is niets veranderd.');

const store = createLocalGitStore({ repoDir, committer: PLEIN_BOT, warn: () => {} });
let plan: ErasePlan;
try {
  const reader = readerOf(store);
  plan = args.colleague ? await planColleagueErasure(reader, args.colleague, { handOverTo: args['hand-over-to'] }) : await planPostErasure(reader, args.post!);
} catch (err) {
  await store.close();
  if (!(err instanceof EraseRefusal)) throw err;
  console.error(err.message);
  for (const r of err.references) console.error(`  ${r.file}: ${r.field}`);
  for (const f of err.files) console.error(`  ${f}`);
  process.exit(1);
}

const { commit } = await applyErasure(store, plan, args.colleague ? undefined : ERASE_POST_MESSAGE).finally(() => store.close());
const branches = plan.email ? await eraseProposalRefs(repoDir, await findProposalRefs(repoDir, plan.email)) : 0;
const counts = { ...plan.counts, proposalBranches: branches, commit };
const c = plan.counts;
const summary = [
  `Vastgelegd in commit ${commit.slice(0, 12)} (door Plein, zonder persoonsgegevens in het bericht).`,
  args.colleague ? `Collega-bestand: ${c.personFiles}; berichten: ${c.posts}; foto's: ${c.photos}; reacties: ${c.comments}; reacties van anderen onder die berichten: ${c.commentsOfOthers};` : `Bericht: ${c.posts}; foto's: ${c.photos}; reacties eronder: ${c.commentsOfOthers}.`,
  ...(args.colleague ? [`bestanden waarin een vermelding nu "een oud-collega" is: ${c.mentionsReplaced}; overgedragen verwijzingen: ${c.referencesHandedOver}; verwijderde voorstel-takken: ${branches}.`] : []),
];

if (args.colleague) {
  // The state store comes after the content commit: see docs/privacy.md.
  console.log(args.json ? JSON.stringify({ ...counts, state: null }) : summary.join('\n'));
  console.error('De statusopslag (waarderingen, aanmeldingen, meldingen, enz.) is NIET gewist: deze versie van Plein kan dat nog niet. De inhoud is wel gewist.');
  process.exitCode = 2;
} else {
  console.log(args.json ? JSON.stringify(counts) : summary.join('\n'));
}
