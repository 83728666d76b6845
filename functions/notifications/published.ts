// After a build (issue 14): what the build published that someone should hear of. Knowledge pages, news and suggested
// edits change through git (the CMS, pull requests, a merge by hand), not through the outbox, so the fan-out never sees
// them; this check compares the commit the build used with the last one announced (the state store's cursor
// "kennis-gepubliceerd": commit_sha the commit, seq the build's time) and tells:
//   - the followers of a knowledge page changed in between (not a draft, not deleted): "pagina-gewijzigd";
//   - the colleague whose suggested edit was merged ("overgenomen", found by its `Plein-Voorstel:` trailer in the new
//     commits, whatever way it was merged) or closed unmerged ("gesloten": on the local store its branch was deleted,
//     seen from the refs/plein/voorstel/<id> the store keeps until then; on GitHub its pull request was closed, asked
//     of GitHub once per check): "voorstel-besloten";
//   - the audience of a news item the editor marked `melding: true`, once, when a build first publishes it (a new or
//     changed item, or one whose publishDate passed since the last check): "nieuws-melding";
//   - the audience of an agenda item marked `melding: true`, once, when a build first publishes it (new or changed, not a
//     draft, not already begun): "agenda-melding", with when and where as its text.
// The first run ever only records the commit (no history is announced). Every notification has a source naming the
// event, so running the check again — a crash before the cursor moved, a second server, a rebuild — tells nobody twice.
// Git is asked a few times per build, never per page: one `log` over the new commits, one `for-each-ref` for the open
// proposals, one `cat-file --batch` when pages or news changed; only a closed proposal costs a `log --grep` and an
// `update-ref`. Nothing personal is logged.
import { isAbsolute, join, relative, sep } from 'node:path';
import { isPublished } from '../../src/lib/dates.ts';
import { getEntryPath } from '../../src/lib/entry-paths.ts';
import { parseFrontMatter } from '../../src/lib/front-matter.ts';
import { CONTENT_TYPES, getEntryId } from '../../src/schemas/index.ts';
import type { PeopleLookup } from '../content/people.ts';
import type { Notifications } from '../state/notifications.ts';
import { PROPOSAL_TRACKING_REFS } from '../store/proposal-message.ts';
import { runGit, runGitBytes } from '../store/run-git.ts';
import { readProposalTrailers, type ProposalMention } from '../store/trailers.ts';
import type { ClosedProposal } from '../store/types.ts';
import { audienceMembers, audienceOf } from './audience.ts';
import { entry, files } from './digest-content.ts';
import { writeDirect, type DirectNotification } from './direct.ts';

/** The cursor's name in the state store. */
export const PUBLISHED_CURSOR = 'kennis-gepubliceerd';
const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const DAY_S = 24 * 60 * 60;
/** Leeway for the forge's clock against ours when asking what it closed since the last check. */
const CLOCK_LEEWAY_MS = 5 * 60 * 1000;

/** What the check reads and writes. */
export interface PublishedDeps {
  /** The content repository (where the build's commit lives). */
  repoDir: string;
  /** The content folder (inside repoDir). */
  contentDir: string;
  people: PeopleLookup & { byEmail?(email: string): { id: string } | undefined };
  notifications: Notifications;
  /** Where a forge decides suggested edits (GitHub): the ones closed unmerged since a moment (ProposalStore.closedSince). */
  closedProposals?: (since: number) => Promise<ClosedProposal[]>;
  now?: () => number;
}

/** The build that was just switched to: the commit it was built from, and when it started (for publishDate). */
export interface PublishedBuild {
  commit: string;
  at: number;
}

/** What one check did. */
export interface PublishedResult {
  /** The first run ever: only the commit was recorded. */
  first: boolean;
  /** Pages, decided proposals and news items announced, and the notifications written. */
  pages: number;
  proposals: number;
  news: number;
  /** Agenda items announced. */
  events: number;
  notified: number;
}

interface LoggedCommit {
  sha: string;
  email: string;
  message: string;
  files: { status: string; path: string }[];
}

/** The commits in `from..to` that touch `paths`, newest first, with their changed files; undefined when `from` is unknown here. */
async function commitsBetween(repoDir: string, from: string, to: string, paths: string[]): Promise<LoggedCommit[] | undefined> {
  let out: string;
  try {
    out = await runGit(repoDir, ['-c', 'core.quotePath=false', 'log', '-z', '--no-renames', '--name-status', '--format=%x1e%H%x1f%ae%x1f%B%x1f', `${from}..${to}`, '--', ...paths]);
  } catch (err) {
    // The last announced commit is not in this repository (a shallow or another clone, a rewritten history).
    if (/bad revision|invalid revision range|unknown revision|bad object/i.test(String((err as { stderr?: string }).stderr))) return undefined;
    throw err;
  }
  return out.split('\x1e').filter(Boolean).map((record) => {
    const [sha, email, message, tail = ''] = record.split('\x1f');
    const parts = tail.split('\0').map((p) => p.replace(/^\n+/, '')).filter(Boolean);
    const changed = [];
    for (let i = 0; i + 1 < parts.length; i += 2) changed.push({ status: parts[i], path: parts[i + 1] });
    return { sha, email, message, files: changed };
  });
}

/** The files at `commit` (undefined for one that is not there), in one `git cat-file --batch`. */
async function filesAt(repoDir: string, commit: string, paths: string[]): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  if (!paths.length) return out;
  const bytes = await runGitBytes(repoDir, ['cat-file', '--batch'], { input: paths.map((p) => `${commit}:${p}\n`).join('') });
  let at = 0;
  for (const path of paths) {
    const end = bytes.indexOf(0x0a, at);
    const header = bytes.subarray(at, end).toString('utf8');
    at = end + 1;
    const size = / blob (\d+)$/.exec(header);
    if (!size) {
      out.set(path, undefined);
      continue;
    }
    out.set(path, bytes.subarray(at, at + Number(size[1])).toString('utf8'));
    at += Number(size[1]) + 1;
  }
  return out;
}

/** A content file's front matter, or undefined when it does not parse. */
function frontOf(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    return parseFrontMatter(text).data as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const date = (v: unknown) => (v instanceof Date ? v : typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : undefined);
const published = (data: Record<string, unknown>, at: number) =>
  isPublished({ draft: data.draft === true, publishDate: date(data.publishDate), expiryDate: date(data.expiryDate) }, new Date(at));

const WHEN = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
/** When and where an agenda item is, as the notification's text ("donderdag 14 januari 15:00, Stadhuis"). */
const eventWhen = (start: Date, location: string | null) => `${WHEN.format(start).replace(' om ', ' ')}${location ? `, ${location}` : ''}`;

/** Runs the check for `build`; throws when git or the state store fails (the cursor then stays, and a rerun repeats nothing). */
export async function announcePublished(deps: PublishedDeps, build: PublishedBuild): Promise<PublishedResult> {
  if (typeof build?.commit !== 'string' || !COMMIT.test(build.commit)) throw new Error('announcePublished: commit moet een volledige git-hash zijn (40 of 64 hexadecimale tekens).');
  if (!Number.isFinite(build.at)) throw new Error('announcePublished: at moet een tijdstip in milliseconden zijn.');
  const rel = relative(deps.repoDir, deps.contentDir).split(sep).join('/');
  if (rel === '..' || rel.startsWith('../') || isAbsolute(rel)) throw new Error('announcePublished: de inhoudsmap ligt niet in de repository.');
  const now = deps.now ?? Date.now;
  const { notifications, people } = deps;
  const git = (args: string[], input?: string) => runGit(deps.repoDir, args, {}, input);
  const base = rel ? `${rel}/` : '';
  const folders = { kennis: `${base}${CONTENT_TYPES.kennis.folder}/`, nieuws: `${base}${CONTENT_TYPES.nieuws.folder}/`, agenda: `${base}${CONTENT_TYPES.agenda.folder}/` };
  const result: PublishedResult = { first: false, pages: 0, proposals: 0, news: 0, events: 0, notified: 0 };

  // Colleagues by address: commit authors and proposers are named by e-mail.
  let emails: Map<string, string> | undefined;
  const colleague = (email: string | undefined): string | null => {
    if (!email) return null;
    if (deps.people.byEmail) return deps.people.byEmail(email)?.id ?? null;
    emails ??= new Map([...people.ids()].flatMap((id) => {
      const address = people.byId(id)?.email;
      return address ? [[address.trim().toLowerCase(), id] as const] : [];
    }));
    return emails.get(email.trim().toLowerCase()) ?? null;
  };

  // Open proposals (refs/heads/voorstel/…) and the ones the local store still remembers (refs/plein/voorstel/…).
  const refs = await git(['for-each-ref', '--format=%(refname)%1f%(objectname)%1f%(committerdate:unix)%1f%(contents)%1e', `${PROPOSAL_TRACKING_REFS}voorstel/`, 'refs/heads/voorstel/']);
  const open = new Set<string>();
  const tracked = new Map<string, { sha: string; time: number; message: string }>();
  for (const record of refs.split('\x1e').map((r) => r.replace(/^\n/, '')).filter(Boolean)) {
    const [ref, sha, time, message] = record.split('\x1f');
    if (ref.startsWith('refs/heads/')) open.add(ref.slice('refs/heads/'.length));
    else tracked.set(ref.slice(PROPOSAL_TRACKING_REFS.length), { sha, time: Number(time), message });
  }
  const forget = async (branches: string[]) => {
    if (branches.length) await git(['update-ref', '--stdin'], branches.map((b) => `delete ${PROPOSAL_TRACKING_REFS}${b} ${tracked.get(b)!.sha}\n`).join(''));
  };

  const cursor = await notifications.cursor(PUBLISHED_CURSOR);
  const commits = cursor?.mark ? (cursor.mark === build.commit ? [] : await commitsBetween(deps.repoDir, cursor.mark, build.commit, [folders.kennis, folders.nieuws, folders.agenda])) : undefined;
  if (!commits) {
    // The first run (or a commit this repository does not know): start here, announce nothing of the past.
    await forget([...tracked.keys()].filter((b) => !open.has(b)));
    await notifications.moveCursor(PUBLISHED_CURSOR, build.at, build.commit, now());
    return { ...result, first: true };
  }

  // The newest change of each page and news item, and every merged proposal, in the new commits.
  const pages = new Map<string, LoggedCommit>();
  const news = new Map<string, LoggedCommit>();
  const events = new Map<string, LoggedCommit>();
  const merged = new Map<string, { mention: ProposalMention; commit: LoggedCommit }>();
  for (const commit of commits) {
    for (const f of commit.files) {
      const markdown = /\.mdx?$/.test(f.path);
      const into = !markdown ? undefined : f.path.startsWith(folders.kennis) ? pages : f.path.startsWith(folders.nieuws) ? news : f.path.startsWith(folders.agenda) ? events : undefined;
      if (into && !into.has(f.path)) into.set(f.path, commit);
    }
    for (const mention of readProposalTrailers(commit.message)) if (!merged.has(mention.branch)) merged.set(mention.branch, { mention, commit });
  }
  // News whose publishDate passed since the last check was built only now, though its file did not change.
  const previous = cursor!.seq;
  const scheduled = files(join(deps.contentDir, CONTENT_TYPES.nieuws.folder), /\.mdx?$/).flatMap((file) => {
    const path = `${base}${relative(deps.contentDir, file).split(sep).join('/')}`;
    const publish = date(entry(file)?.data.publishDate)?.getTime();
    return publish !== undefined && publish > previous && publish <= build.at && !news.has(path) ? [path] : [];
  });
  const proposalPages = [...merged.values()].map((m) => m.mention.path).filter((p) => p.startsWith(folders.kennis));
  const texts = await filesAt(deps.repoDir, build.commit, [...new Set([...pages.keys(), ...news.keys(), ...events.keys(), ...scheduled, ...proposalPages])]);

  const items: DirectNotification[] = [];
  const tell = (to: string[], actor: string | null, item: Omit<DirectNotification, 'person' | 'actor'>) => {
    for (const person of new Set(to)) if (person !== actor) items.push({ ...item, person, actor });
  };
  const idIn = (collection: 'kennis' | 'nieuws' | 'agenda', path: string) => getEntryId(collection, path.slice(folders[collection].length));

  // Followed pages that changed: not drafts (never built), not deleted (nothing to read).
  for (const [path, commit] of pages) {
    const data = frontOf(texts.get(path));
    if (!data || data.draft === true) continue;
    const id = idIn('kennis', path);
    const followers = await notifications.followers({ type: 'kennis', id }, build.at);
    if (!followers.length) continue;
    result.pages++;
    tell(followers, colleague(commit.email), {
      kind: 'pagina-gewijzigd', target: { type: 'kennis', id }, title: str(data.title) ?? id, text: null, url: getEntryPath('kennis', id),
      groupKey: `pagina:${id}`, source: `pagina:${id}:${commit.sha}`,
    });
  }

  // Suggested edits decided: merged ones from the new commits, closed ones (local store) from their remembered refs.
  const decide = (mention: ProposalMention, decision: 'overgenomen' | 'gesloten', actor: string | null, fallbackTitle: string | null) => {
    const proposer = colleague(mention.proposer?.email);
    if (!proposer) return;
    const onPage = mention.path.startsWith(folders.kennis);
    const id = onPage ? idIn('kennis', mention.path) : mention.path;
    result.proposals++;
    tell([proposer], actor, {
      kind: 'voorstel-besloten', target: { type: 'kennis', id }, title: str(frontOf(texts.get(mention.path))?.title) ?? fallbackTitle, text: decision,
      url: onPage ? getEntryPath('kennis', id) : '/weten-en-regelen/', groupKey: `voorstel:${mention.branch}:${decision}`, source: `voorstel:${mention.branch}:${decision}`,
    });
  };
  const subjectTitle = (message: string) => /^Voorstel: (.+?)(?: \(#\d+\))?$/m.exec(message.split('\n')[0])?.[1] ?? null;
  for (const { mention, commit } of merged.values()) decide(mention, 'overgenomen', colleague(commit.email), subjectTitle(commit.message));
  const gone = [...tracked.keys()].filter((b) => !open.has(b) && !merged.has(b));
  const mergedEarlier = new Set<string>();
  if (gone.length) {
    // A branch deleted after its merge is not "closed": look for its trailer in everything since it was made.
    const since = Math.min(...gone.map((b) => tracked.get(b)!.time)) - DAY_S;
    const history = await git(['log', '--format=%B', `--since=@${since}`, '-F', ...gone.map((b) => `--grep=Plein-Voorstel: ${b} `), 'HEAD']);
    for (const mention of readProposalTrailers(history)) mergedEarlier.add(mention.branch);
  }
  for (const branch of gone) {
    if (mergedEarlier.has(branch)) continue;
    const mention = readProposalTrailers(tracked.get(branch)!.message).find((m) => m.branch === branch);
    if (mention) decide(mention, 'gesloten', null, subjectTitle(tracked.get(branch)!.message));
  }
  // On GitHub a pull request is closed there: asked once per check, for what closed since the last check's build.
  for (const closed of deps.closedProposals ? await deps.closedProposals(previous - CLOCK_LEEWAY_MS) : []) {
    for (const mention of readProposalTrailers(closed.message)) if (!merged.has(mention.branch)) decide(mention, 'gesloten', null, subjectTitle(closed.message));
  }

  // News the editor marked as a notification, published by this build, to its audience.
  for (const path of [...news.keys(), ...scheduled]) {
    const data = frontOf(texts.get(path));
    if (!data || data.melding !== true || !published(data, build.at)) continue;
    const id = idIn('nieuws', path);
    const author = str(data.author);
    result.news++;
    tell(audienceMembers(audienceOf(data), people), author && people.byId(author) ? author : null, {
      kind: 'nieuws-melding', target: { type: 'nieuws', id }, title: str(data.title) ?? id, text: str(data.summary), url: getEntryPath('nieuws', id),
      groupKey: `nieuws:${id}`, source: `nieuws:${id}`,
    });
  }

  // Agenda items marked as a notification, new or changed in this build and still to come, to their audience.
  for (const path of events.keys()) {
    const data = frontOf(texts.get(path));
    const start = date(data?.start);
    if (!data || data.melding !== true || data.draft === true || !start || start.getTime() <= build.at) continue;
    const id = idIn('agenda', path);
    result.events++;
    tell(audienceMembers(audienceOf(data), people), null, {
      kind: 'agenda-melding', target: { type: 'agenda', id }, title: str(data.title) ?? id, text: eventWhen(start, str(data.location)), url: getEntryPath('agenda', id),
      groupKey: `agenda:${id}`, source: `agenda:${id}`,
    });
  }

  result.notified = await writeDirect(notifications, items, now());
  // Only after the notifications are stored: the remembered proposals go, and the cursor moves to this build.
  await forget([...tracked.keys()].filter((b) => merged.has(b) || gone.includes(b)));
  await notifications.moveCursor(PUBLISHED_CURSOR, build.at, build.commit, now());
  return result;
}

/**
 * The check on the Node server: after each build the server switches to, and once at start for the build it starts
 * with; one at a time. A failure is warned about by its kind only; the cursor did not move, so the next build's check
 * covers the same commits again.
 */
export function createPublishedCheck(deps: PublishedDeps, warn = (m: string) => console.warn(m)) {
  let running: Promise<void> = Promise.resolve();
  return {
    /** The commit the repository is at now (asked as a build starts); undefined outside a git repository. */
    headOf: (): Promise<string | undefined> => runGit(deps.repoDir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).then((o) => o.trim() || undefined, () => undefined),
    /** Queues the check for a build (nothing without its commit); resolves when it ran. */
    after(build: { at: number; commit?: string }): Promise<void> {
      const commit = build.commit;
      running = running.then(async () => {
        if (commit) await announcePublished(deps, { commit, at: build.at });
      }).catch((err: Error) => warn(`Plein: meldingen over gepubliceerde pagina’s, voorstellen en nieuws mislukt; de volgende build probeert het opnieuw (${err.name}).`));
      return running;
    },
  };
}
