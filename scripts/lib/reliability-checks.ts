// The counts `npm run test:reliability` checks after a load: which keys are stored how often (in the
// working tree and in git HEAD, or on the stand-in's branch), whether every 2xx is there, and `git fsck`.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoadResult } from './reliability-load.ts';
import { openStateStore } from '../../functions/state/open.ts';

const run = promisify(execFile);
const KEY = /Betrouwbaarheid (\S+):/;

/** How often each key of `tag` appears among the posts of a working tree. */
export function countWorkingTree(repoDir: string, tag: string): { counts: Map<string, number>; files: number; ids: Set<string> } {
  const dir = join(repoDir, 'content/berichten');
  const files = existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')) : [];
  const counts = new Map<string, number>();
  const ids = new Set<string>();
  for (const f of files) {
    const key = KEY.exec(readFileSync(join(dir, f), 'utf8'))?.[1];
    ids.add(f.split('/').pop()!.replace(/\.md$/, ''));
    if (key?.startsWith(`${tag}-`)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { counts, files: files.length, ids };
}

/** Runs git in some repository and resolves with stdout. */
export type GitRun = (args: string[]) => Promise<string>;

/** Runs git in a folder. */
export const gitIn = (dir: string): GitRun => async (args) => (await run('git', args, { cwd: dir, maxBuffer: 64 << 20 })).stdout;

/** The same count at a commit (`ref`) of a repository (a folder, or a runner for a bare one). */
export async function countAtRef(repo: string | GitRun, ref: string, tag: string): Promise<{ counts: Map<string, number>; files: number; ids: Set<string> }> {
  const git = typeof repo === 'string' ? gitIn(repo) : repo;
  // One commit for both reads: the branch can move between them while the outbox still commits, and a
  // file list of the older commit beside the keys of the newer one reads as acknowledged posts gone missing.
  const commit = (await git(['rev-parse', '--verify', `${ref}^{commit}`])).trim();
  const list = (await git(['ls-tree', '-r', '--name-only', commit, '--', 'content/berichten'])).split('\n').filter((p) => p.endsWith('.md'));
  // git grep exits 1 when nothing matches.
  const grep = await git(['grep', '-h', '-o', '-E', `Betrouwbaarheid ${tag}-[0-9]+-[0-9]+:`, commit, '--', 'content/berichten']).catch((err: { code?: number }) =>
    err.code === 1 ? '' : Promise.reject(err),
  );
  const counts = new Map<string, number>();
  for (const line of grep.split('\n').filter(Boolean)) {
    const key = KEY.exec(line)![1];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { counts, files: list.length, ids: new Set(list.map((p) => p.split('/').pop()!.replace(/\.md$/, ''))) };
}

/** `git fsck --strict`: empty when clean, else its complaints (dangling objects are no complaint). */
export async function fsck(gitDir: string): Promise<string> {
  try {
    const { stdout, stderr } = await run('git', ['fsck', '--strict', '--no-dangling', '--no-progress'], { cwd: gitDir, maxBuffer: 64 << 20 });
    return `${stdout}${stderr}`.trim();
  } catch (err) {
    return `${(err as { stdout?: string }).stdout ?? ''}${(err as { stderr?: string }).stderr ?? (err as Error).message}`.trim() || 'git fsck mislukt';
  }
}

/** What went wrong in a stored set, compared with what the load was answered; empty when right. */
export function findProblems(
  where: string,
  load: LoadResult,
  stored: { counts: Map<string, number>; files: number; ids: Set<string> },
  expected: { posts: number; filesBefore: number },
): string[] {
  const problems: string[] = [];
  const total = [...stored.counts.values()].reduce((a, b) => a + b, 0);
  if (total !== expected.posts) problems.push(`${where}: ${total} berichten van deze run opgeslagen, verwacht ${expected.posts}`);
  if (stored.files - expected.filesBefore !== expected.posts) problems.push(`${where}: ${stored.files - expected.filesBefore} nieuwe bestanden, verwacht ${expected.posts}`);
  const twice = [...stored.counts].filter(([, n]) => n > 1);
  if (twice.length) problems.push(`${where}: ${twice.length} sleutels dubbel opgeslagen (bv. ${twice[0][0]} ${twice[0][1]}×)`);
  const missing = load.keys.filter((k) => !stored.counts.has(k));
  if (missing.length) problems.push(`${where}: ${missing.length} sleutels ontbreken (bv. ${missing[0]})`);
  const lostIds = [...load.idsByKey.values()].flatMap((ids) => [...ids]).filter((id) => !stored.ids.has(id));
  if (lostIds.length) problems.push(`${where}: ${lostIds.length} berichten kregen een 2xx maar zijn er niet (bv. ${lostIds[0]})`);
  return problems;
}

/** Problems in the answers themselves: a key answered with two different ids, or never answered. */
export function findAnswerProblems(load: LoadResult): string[] {
  const problems: string[] = [];
  const split = [...load.idsByKey].filter(([, ids]) => ids.size > 1);
  if (split.length) problems.push(`${split.length} sleutels kregen verschillende ids (bv. ${split[0][0]}: ${[...split[0][1]].join(', ')})`);
  const never = load.keys.filter((k) => !load.idsByKey.has(k));
  if (never.length) problems.push(`${never.length} sleutels kregen nooit een 2xx (bv. ${never[0]})`);
  return problems;
}

/** Changes the outbox acknowledged that are not committed (read while the server is down). */
export async function pendingInOutbox(dir: string): Promise<number> {
  const state = await openStateStore({ PLEIN_STATE_DIR: dir });
  try {
    return (await state.outbox.pending(100_000)).length;
  } finally {
    await state.close();
  }
}
