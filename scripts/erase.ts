// `npm run erase -- --colleague <id> [--hand-over-to <id>] [--history [--force]]` and
// `npm run erase -- --post <ulid> [--history [--force]]` (issue 19, AVG art. 17): erases a colleague (or one post on
// request) from the content repository in one commit by Plein, deletes their suggested-edit branches, then erases
// their rows in the state store (PLEIN_DATABASE_URL, or SQLite in PLEIN_STATE_DIR, as the server opens it) — and the rows
// about every erased post and comment (waarderingen, votes, follows, reports, notifications quoting them) — and, with
// --history, rewrites the repository's history without them (functions/privacy/history.ts). Prints counts only.
// --state-only erases only the state store (after the /beheer button, or to retry); --repo <folder> (default: this
// checkout); --json prints the counts as JSON.
// Exit codes: 0 done; 1 refused or failed before anything changed; 2 the content is erased but a later step is not.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { PleinEnv } from '../functions/env.ts';
import { eraseProposalRefs, findProposalRefs } from '../functions/privacy/erase-branches.ts';
import { applyErasure, ERASE_POST_MESSAGE, EraseRefusal, planColleagueErasure, planPostErasure, readerOf, type ErasePlan } from '../functions/privacy/erase.ts';
import { HistoryError, rewriteHistory } from '../functions/privacy/history.ts';
import { erasePersonState, ErasureRefusedError, pendingOutboxFor, type KnownAs } from '../functions/privacy/state-data.ts';
import { pruneState, removedItemRules } from '../functions/retention/state.ts';
import type { StateStore } from '../functions/state/store.ts';
import { createLocalGitStore } from '../functions/store/local-git-store.ts';
import { PLEIN_BOT } from '../functions/store/proposal-message.ts';

const USAGE = 'Gebruik: npm run erase -- --colleague <id> [--hand-over-to <id>] [--history [--force]]   of   npm run erase -- --post <bericht-id> [--history [--force]]   of   npm run erase -- --colleague <id> --state-only';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      colleague: { type: 'string' },
      'hand-over-to': { type: 'string' },
      post: { type: 'string' },
      history: { type: 'boolean' },
      force: { type: 'boolean' },
      'state-only': { type: 'boolean' },
      repo: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  }).values;
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (!!args.colleague === !!args.post) fail(`Noem precies één van --colleague en --post.\n${USAGE}`);
if (args.post && (args['hand-over-to'] || args['state-only'])) fail('--hand-over-to en --state-only horen bij --colleague, niet bij --post.');
if (args['state-only'] && (args.history || args['hand-over-to'])) fail('--state-only wist alleen de statusopslag: zonder --history en --hand-over-to.');
if (args.force && !args.history) fail('--force hoort bij --history.');

const repoDir = resolve(args.repo ?? resolve(import.meta.dirname, '..'));
const env = process.env as PleinEnv;
const git = (...a: string[]) => execFileSync('git', a, { cwd: repoDir, encoding: 'utf8' });
try {
  git('rev-parse', '--verify', 'HEAD');
} catch {
  fail(`${repoDir} is geen git-repository met een commit.`);
}

/** The state store as the server opens it (loaded only when needed: the server module is large). */
async function openState(): Promise<StateStore> {
  const { openServerState } = await import('../functions/hosts/node/plein-server.ts');
  return openServerState(env, repoDir);
}

/** Erases the state store's rows of `person`; returns the counts per table, or undefined (with the reason printed). */
async function eraseState(state: StateStore, person: string, known: KnownAs = {}): Promise<Record<string, number> | undefined> {
  try {
    return await erasePersonState(state, person, known);
  } catch (err) {
    console.error(`De statusopslag is NIET gewist: ${(err as Error).message}\nProbeer het opnieuw met: npm run erase -- --colleague ${person} --state-only`);
    return undefined;
  }
}

if (args['state-only']) {
  const state = await openState();
  try {
    const counts = await eraseState(state, args.colleague!);
    if (!counts) process.exit(2);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(args.json ? JSON.stringify({ state: counts }) : `Statusopslag: ${total} rijen gewist of geanonimiseerd.`);
  } finally {
    await state.close();
  }
  process.exit(0);
}

// Refusals first, while nothing has changed.
const dirty = git('status', '--porcelain', '--', ...(args.history ? [] : ['content', 'public/media'])).trim();
if (dirty) {
  fail(
    args.history
      ? 'De werkmap heeft wijzigingen die niet zijn vastgelegd (of bestanden die git niet kent). Het herschrijven van de geschiedenis eindigt met een "git reset --hard" en zou ze weggooien: leg ze eerst vast of ruim ze op. Er is niets veranderd.'
      : 'Er zijn niet-vastgelegde wijzigingen in content/ of public/media/. Leg ze eerst vast (of zet ze apart): de verwijdering moet precies één commit zijn van wat in git staat. Er is niets veranderd.',
  );
}
if (args.history) {
  try {
    execFileSync('git-filter-repo', ['--version'], { stdio: 'ignore' });
  } catch {
    fail('--history heeft git-filter-repo nodig, en dat is niet geïnstalleerd: apt-get install git-filter-repo (Debian/Ubuntu; elders: pip install git-filter-repo). Er is niets veranderd.');
  }
}

let state: StateStore | undefined;
const store = createLocalGitStore({ repoDir, committer: PLEIN_BOT, warn: () => {} });
let plan: ErasePlan;
try {
  const reader = readerOf(store);
  if (args.colleague) {
    plan = await planColleagueErasure(reader, args.colleague, { handOverTo: args['hand-over-to'] });
    // Changes naming them that the server has not committed yet would bring them back: refuse before anything changes.
    state = await openState();
    const pending = await pendingOutboxFor(state, args.colleague, { name: plan.name, email: plan.email });
    if (pending) throw new EraseRefusal(`Er ${pending === 1 ? 'wacht nog 1 wijziging' : `wachten nog ${pending} wijzigingen`} van of over deze collega op vastlegging in git (outbox). Probeer het over een paar seconden opnieuw; er is niets veranderd.`, 'sporen_blijven');
  } else {
    plan = await planPostErasure(reader, args.post!);
    state = await openState();
  }
} catch (err) {
  await store.close();
  await state?.close();
  if (!(err instanceof EraseRefusal)) throw err;
  console.error(err.message);
  for (const r of err.references) console.error(`  ${r.file}: ${r.field}`);
  for (const f of err.files) console.error(`  ${f}`);
  process.exit(1);
}

const { commit } = await applyErasure(store, plan, args.colleague ? undefined : ERASE_POST_MESSAGE).finally(() => store.close());
const branches = plan.email ? await eraseProposalRefs(repoDir, await findProposalRefs(repoDir, plan.email)) : 0;
const c = plan.counts;
const lines = [
  `Vastgelegd in commit ${commit.slice(0, 12)} (door Plein, zonder persoonsgegevens in het bericht).`,
  args.colleague
    ? `Collega-bestand: ${c.personFiles}; berichten: ${c.posts}; foto's: ${c.photos}; reacties: ${c.comments}; reacties van anderen onder die berichten: ${c.commentsOfOthers}; bestanden waarin een vermelding nu "een oud-collega" is: ${c.mentionsReplaced}; overgedragen verwijzingen: ${c.referencesHandedOver}; verwijderde voorstel-takken: ${branches}.`
    : `Bericht: ${c.posts}; foto's: ${c.photos}; reacties eronder: ${c.commentsOfOthers}.`,
];
let exitCode = 0;

let stateCounts: Record<string, number> | undefined;
if (state) {
  try {
    // The rows about the erased posts and comments (others' waarderingen, votes, follows, reports, notifications quoting them).
    const items = await pruneState(state.db, removedItemRules(plan.removed), false).catch((err: Error) => {
      console.error(`De statusopslag is NIET opgeschoond (waarderingen, stemmen en meldingen bij de gewiste berichten): ${err.message}`);
      return undefined;
    });
    // Their name and e-mail (from the people file, now erased) also find free text that names them (a commit author, a mail).
    const person = args.colleague ? await eraseState(state, args.colleague, { name: plan.name, email: plan.email }) : {};
    stateCounts = items && person ? { ...person, ...Object.fromEntries(Object.entries(items).map(([k, n]) => [`${k} (bij gewiste items)`, n])) } : undefined;
  } finally {
    await state.close();
  }
  if (stateCounts) lines.push(`Statusopslag: ${Object.values(stateCounts).reduce((a, b) => a + b, 0)} rijen gewist of geanonimiseerd.`);
  else exitCode = 2;
}

let history: { objectsChecked: number } | undefined;
if (args.history) {
  const { name, email } = plan;
  const needles = args.colleague ? [args.colleague, ...(name ? [name] : []), ...(email ? [email] : [])] : [];
  try {
    const result = await rewriteHistory({ repo: repoDir, paths: plan.deletes, needles, mailmap: name && email ? [{ name, email }] : [], force: args.force });
    history = { objectsChecked: result.verification.objectsChecked };
    lines.push(`Geschiedenis herschreven en gecontroleerd (${result.verification.objectsChecked} objecten).`, '', result.nextSteps);
  } catch (err) {
    if (!(err instanceof HistoryError)) throw err;
    console.error(`De geschiedenis is NIET herschreven: ${err.message}\nDe huidige versie is wel gewist (commit ${commit.slice(0, 12)}).`);
    exitCode = 2;
  }
}

console.log(args.json ? JSON.stringify({ ...c, proposalBranches: branches, commit, state: stateCounts ?? null, history: history ?? null }) : lines.join('\n'));
process.exitCode = exitCode;
