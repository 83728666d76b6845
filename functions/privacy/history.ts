// Erasure from git history (issue 19, item 4): after the erase commit, rewrites every commit of the content
// repository with Debian's git-filter-repo — the person's files removed from every commit, their name, e-mail and id
// replaced in every file and every commit or tag message, author, committer and tagger mapped to a neutral identity —
// then verifies that no reachable object still holds a needle and returns the maintainer's next steps.
// git-filter-repo removes the `origin` remote (the rewritten history is unrelated to it); the remote's settings are
// recorded first and put back afterwards, and the push commands name the remote's old ids as their leases.
import { execFile } from 'node:child_process';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGit } from '../store/run-git.ts';
import { describeNextSteps, type RewriteRefs } from './history-steps.ts';
import { verifyHistory, type HistoryVerification } from './history-verify.ts';

/** What replaces a name or id in files and messages. */
export const FORMER_COLLEAGUE = 'een oud-collega';
/** The neutral identity for e-mail addresses in files and messages, and for author, committer and tagger. */
export const NEUTRAL_IDENTITY = { name: 'Oud-collega', email: 'oud-collega@plein.invalid' };

/** What `rewriteHistory` is asked to do. */
export interface HistoryOptions {
  /** The repository's top-level directory (a working tree). */
  repo: string;
  /** Files or folders (relative to the repository) to remove from every commit. */
  paths: string[];
  /** Name, e-mail address, id …: text that may appear nowhere in the rewritten history (ASCII case-insensitive). */
  needles: string[];
  /** Identities (as they appear in commits) to map to the neutral identity, beyond those found holding a needle. */
  mailmap?: { name: string; email: string }[];
  /** Rewrite even though the repository is not a fresh clone (git-filter-repo's own `--force`). */
  force?: boolean;
}

/** The outcome of a verified rewrite. */
export interface HistoryResult {
  verification: HistoryVerification;
  /** The `origin` URL put back after git-filter-repo removed it, or null when there was none. */
  remoteRestored: string | null;
  /** Dutch text with the maintainer's next steps (GitHub, host, other clones). */
  nextSteps: string;
}

/** A refusal or failure of the history rewrite, with a stable code and a Dutch message. */
export class HistoryError extends Error {
  readonly code: string;
  readonly verification?: HistoryVerification;

  constructor(code: string, message: string, verification?: HistoryVerification) {
    super(message);
    this.name = 'HistoryError';
    this.code = code;
    this.verification = verification;
  }
}

const MIN_NEEDLE = 3;
const INSTALL_HINT = 'Installeer het met: apt-get install git-filter-repo (Debian/Ubuntu; elders: pip install git-filter-repo).';

/** Refuses needles and paths that cannot be written safely into git-filter-repo's expression and path files. */
function checkInput(options: HistoryOptions): void {
  const bad = (message: string) => new HistoryError('ongeldige-invoer', message);
  if (options.needles.length === 0 && options.paths.length === 0) throw bad('Geef minstens één pad of zoektekst op.');
  for (const needle of options.needles) {
    if (needle.length < MIN_NEEDLE) throw bad(`Een zoektekst moet minstens ${MIN_NEEDLE} tekens hebben (korter zou overal in de geschiedenis tekst vervangen).`);
    if (/[\r\n]/.test(needle) || needle.includes('==>')) throw bad('Een zoektekst mag geen regelovergang of "==>" bevatten.');
  }
  for (const path of options.paths) {
    const parts = path.split('/');
    if (!path || path.startsWith('/') || parts.includes('..') || parts.includes('.') || /[\r\n]/.test(path) || path.includes('==>')) {
      throw bad(`Pad "${path}" is geen pad binnen de repository.`);
    }
  }
}

/** A Python `re` pattern matching `text` literally: every ASCII character that is not a letter or digit is escaped. */
function escapePythonRegex(text: string): string {
  return text.replace(/[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/g, (c) => `\\${c}`);
}

/** git-filter-repo's expressions: each needle literally, case-insensitively, longest first (an e-mail before the id in it). */
function buildExpressions(needles: string[]): string {
  return [...needles]
    .sort((a, b) => b.length - a.length)
    .map((needle) => `regex:(?i)${escapePythonRegex(needle)}==>${needle.includes('@') ? NEUTRAL_IDENTITY.email : FORMER_COLLEAGUE}`)
    .join('\n') + '\n';
}

/** Mailmap lines for the given identities and every author, committer or tagger identity that holds a needle. */
async function buildMailmap(repo: string, needles: string[], extra: { name: string; email: string }[]): Promise<string> {
  const log = await runGit(repo, ['log', '--all', '--reflog', '--format=%an%x00%ae%n%cn%x00%ce']);
  const tags = await runGit(repo, ['for-each-ref', 'refs/tags', '--format=%(taggername)%00%(taggeremail)']);
  const folded = needles.map((needle) => needle.toLowerCase());
  const identities = new Map<string, { name: string; email: string }>();
  for (const identity of extra) identities.set(`${identity.name}\0${identity.email}`, identity);
  for (const line of `${log}\n${tags}`.split('\n')) {
    const [name, rawEmail] = line.split('\0');
    if (rawEmail === undefined) continue;
    const email = rawEmail.replace(/^<|>$/g, '');
    if (folded.some((needle) => `${name}\0${email}`.toLowerCase().includes(needle))) identities.set(`${name}\0${email}`, { name, email });
  }
  const neutral = `${NEUTRAL_IDENTITY.name} <${NEUTRAL_IDENTITY.email}>`;
  return [...identities.values()].map(({ name, email }) => `${neutral} ${name} <${email}>`).join('\n') + '\n';
}

/** The refs by kind, as name → id. */
async function readRefs(repo: string): Promise<{ heads: Map<string, string>; tags: Map<string, string>; originBranches: Map<string, string> }> {
  const out = await runGit(repo, ['for-each-ref', '--format=%(objectname) %(refname)']);
  const refs = { heads: new Map<string, string>(), tags: new Map<string, string>(), originBranches: new Map<string, string>() };
  for (const line of out.split('\n').filter(Boolean)) {
    const [id, ref] = line.split(' ');
    if (ref.startsWith('refs/heads/')) refs.heads.set(ref.slice('refs/heads/'.length), id);
    else if (ref.startsWith('refs/tags/')) refs.tags.set(ref.slice('refs/tags/'.length), id);
    else if (ref.startsWith('refs/remotes/origin/') && ref !== 'refs/remotes/origin/HEAD') refs.originBranches.set(ref.slice('refs/remotes/origin/'.length), id);
  }
  return refs;
}

/** The `origin` remote's settings and the upstream settings of the branches that track it: what `git remote rm` drops. */
async function readOriginConfig(repo: string): Promise<[string, string][]> {
  const out = await runGit(repo, ['config', '--local', '--get-regexp', '^(remote\\.origin\\.|branch\\..*\\.(remote|merge)$)']).catch(() => '');
  const entries = out.split('\n').filter(Boolean).map((line): [string, string] => {
    const space = line.indexOf(' ');
    return [line.slice(0, space), line.slice(space + 1)];
  });
  const tracking = new Set(entries.filter(([key, value]) => key.endsWith('.remote') && key.startsWith('branch.') && value === 'origin').map(([key]) => key.slice(0, -'remote'.length)));
  return entries.filter(([key]) => key.startsWith('remote.origin.') || tracking.has(key.replace(/(remote|merge)$/, '')));
}

/** Puts back every recorded setting git-filter-repo's `git remote rm origin` removed; returns the remote's URL. */
async function restoreOrigin(repo: string, config: [string, string][]): Promise<string | null> {
  const url = config.find(([key]) => key === 'remote.origin.url')?.[1] ?? null;
  if (url === null) return null;
  const missing = new Set<string>();
  for (const [key] of config) {
    if (!(await runGit(repo, ['config', '--local', '--get-all', key]).then(() => true, () => false))) missing.add(key);
  }
  for (const [key, value] of config) if (missing.has(key)) await runGit(repo, ['config', '--local', '--add', key, value]);
  return url;
}

/** Runs git-filter-repo; resolves with its exit code and stderr, rejects only when it cannot be started. */
function runFilterRepo(repo: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile('git-filter-repo', args, { cwd: repo, maxBuffer: 16 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new HistoryError('filter-repo-ontbreekt', `git-filter-repo is niet geïnstalleerd; het is nodig om de geschiedenis te herschrijven. ${INSTALL_HINT}`));
      } else resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr: String(stderr) });
    });
    // Newer releases may ask a question on a repeated run; with stdin closed they stop instead of waiting forever.
    child.stdin?.end();
  });
}

/** Refuses a repository that is not a clean working tree at its top level: git-filter-repo ends with a hard reset. */
async function checkRepository(repo: string): Promise<void> {
  const top = await runGit(repo, ['rev-parse', '--show-toplevel']).catch(() => null);
  if (top === null || (await realpath(top.trim())) !== (await realpath(repo))) {
    throw new HistoryError('geen-repository', `${repo} is niet de hoofdmap van een git-werkmap.`);
  }
  const status = await runGit(repo, ['status', '--porcelain']);
  if (status.trim()) {
    throw new HistoryError(
      'werkmap-niet-schoon',
      'De werkmap heeft wijzigingen die niet zijn vastgelegd (of bestanden die git niet kent). Het herschrijven eindigt met een ' +
        '"git reset --hard" en zou ze weggooien: leg ze eerst vast of ruim ze op. Er is niets veranderd.',
    );
  }
}

/** Rewrites the whole history of `options.repo` (see the file comment); throws a HistoryError when anything remains. */
export async function rewriteHistory(input: HistoryOptions): Promise<HistoryResult> {
  const options = { ...input, needles: input.needles.map((needle) => needle.trim()) };
  checkInput(options);
  await runFilterRepo(options.repo, ['--version']);
  await checkRepository(options.repo);
  const before = await readRefs(options.repo);
  const originConfig = await readOriginConfig(options.repo);
  const work = await mkdtemp(join(tmpdir(), 'plein-history-'));
  try {
    const args = ['--replace-refs', 'delete-no-add'];
    if (options.paths.length) {
      await writeFile(join(work, 'paths'), options.paths.map((path) => `literal:${path}`).join('\n') + '\n');
      args.push('--invert-paths', '--paths-from-file', join(work, 'paths'));
    }
    if (options.needles.length) {
      await writeFile(join(work, 'expressions'), buildExpressions(options.needles));
      args.push('--replace-text', join(work, 'expressions'), '--replace-message', join(work, 'expressions'));
    }
    await writeFile(join(work, 'mailmap'), await buildMailmap(options.repo, options.needles, options.mailmap ?? []));
    args.push('--mailmap', join(work, 'mailmap'));
    if (options.force) args.push('--force');
    const run = await runFilterRepo(options.repo, args);
    if (run.code !== 0 && /does not look like a fresh clone/.test(run.stderr)) {
      const reason = /\(([^)]*)\)/.exec(run.stderr)?.[1] ?? 'onbekende reden';
      throw new HistoryError(
        'force-nodig',
        `Deze repository is geen verse clone (git-filter-repo: "${reason}"), dus git-filter-repo weigert de geschiedenis ` +
          'te herschrijven zonder --force. Herhaal het met --force (force: true) als deze map de bron is die gepusht wordt, ' +
          'of werk in een verse clone (git clone --no-local <bron> <map>). Er is niets veranderd.',
      );
    }
    if (run.code !== 0) throw new HistoryError('filter-repo-mislukt', `git-filter-repo faalde (${run.code}): ${run.stderr.trim().split('\n').slice(-5).join(' ')}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  // Without this marker git-filter-repo checks for a fresh clone again next time, so `force` keeps its meaning.
  await rm(join(options.repo, '.git', 'filter-repo', 'already_ran'), { force: true });
  const remoteRestored = await restoreOrigin(options.repo, originConfig);
  const verification = await verifyHistory(options.repo, options.needles);
  if (!verification.ok) {
    const where = verification.findings.slice(0, 5).map((finding) => `${finding.type} ${finding.object}`).join(', ');
    throw new HistoryError(
      'verificatie-mislukt',
      `Na het herschrijven bevatten nog ${verification.findings.length} bereikbare objecten een zoektekst (${where}). ` +
        'Push niets; zoek uit waar het staat (een bestandsnaam, een ref buiten de branches) en herschrijf opnieuw.',
      verification,
    );
  }
  const after = await readRefs(options.repo);
  const refs: RewriteRefs = {
    remoteUrl: remoteRestored,
    remoteBranchesBefore: before.originBranches,
    tagsBefore: before.tags,
    branchesAfter: new Set(after.heads.keys()),
    tagsAfter: new Set(after.tags.keys()),
  };
  return { verification, remoteRestored, nextSteps: describeNextSteps(refs, verification.objectsChecked) };
}
