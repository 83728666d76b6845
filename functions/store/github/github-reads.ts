// Cached, conditional reads from GitHub: the branch head is re-checked at most every few seconds with
// If-None-Match, file contents are keyed by the head they were read at and revalidated by ETag, and
// comparisons between two commits (immutable) are remembered, so many feed readers cost few calls.
import type { ChangedFile } from '../types.ts';
import type { GithubClient, GithubConfig } from './github-config.ts';

interface CachedFile {
  head: string;
  etag?: string;
  text: string | undefined;
}

const MAX_CACHED = 5000;

/** The HTTP status of an Octokit error, if any. */
export function statusOf(err: unknown): number | undefined {
  return typeof (err as { status?: unknown })?.status === 'number' ? (err as { status: number }).status : undefined;
}

function remember<K, V>(map: Map<K, V>, key: K, value: V) {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_CACHED) map.delete(map.keys().next().value as K);
}

/** Creates the read side of the GitHub store. */
export function createGithubReader(client: GithubClient, config: GithubConfig, headTtlMs: number) {
  const repo = { owner: config.owner, repo: config.repo };
  let head: { sha: string; etag?: string; at: number } | undefined;
  let headRequest: Promise<string> | undefined;
  const files = new Map<string, CachedFile>();
  const fileRequests = new Map<string, Promise<string | undefined>>();
  const trees = new Map<string, string>(); // commit → tree
  const comparisons = new Map<string, ChangedFile[]>();

  /** The head of the branch: cached for headTtlMs unless `fresh`, one request at a time. */
  function getHead(fresh = false): Promise<string> {
    if (!fresh && head && Date.now() - head.at < headTtlMs) return Promise.resolve(head.sha);
    headRequest ??= (async () => {
      try {
        const res = await client.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
          ...repo,
          ref: `heads/${config.branch}`,
          headers: head?.etag ? { 'if-none-match': head.etag } : {},
        });
        head = { sha: res.data.object.sha, etag: res.headers.etag, at: Date.now() };
      } catch (err) {
        if (statusOf(err) !== 304 || !head) throw err;
        head.at = Date.now();
      }
      return head.sha;
    })().finally(() => (headRequest = undefined));
    return headRequest;
  }

  /** The tree of a commit (immutable, so cached). */
  async function getTree(commit: string): Promise<string> {
    const known = trees.get(commit);
    if (known) return known;
    const res = await client.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...repo, commit_sha: commit });
    remember(trees, commit, res.data.tree.sha);
    return res.data.tree.sha;
  }

  async function fetchFile(path: string, at: string): Promise<string | undefined> {
    const cached = files.get(path);
    try {
      const res = await client.request('GET /repos/{owner}/{repo}/contents/{path}', {
        ...repo,
        path,
        ref: at,
        headers: cached?.etag ? { 'if-none-match': cached.etag } : {},
      });
      const data = res.data as { type?: string; content?: string };
      const text = data.type === 'file' && typeof data.content === 'string' ? Buffer.from(data.content, 'base64').toString('utf8') : undefined;
      remember(files, path, { head: at, etag: res.headers.etag, text });
      return text;
    } catch (err) {
      const status = statusOf(err);
      if (status === 304 && cached) {
        remember(files, path, { ...cached, head: at });
        return cached.text;
      }
      if (status === 404) {
        remember(files, path, { head: at, text: undefined });
        return undefined;
      }
      throw err;
    }
  }

  /** A file's text at the (cached) head, or undefined. */
  async function readFile(path: string): Promise<string | undefined> {
    const at = await getHead();
    const cached = files.get(path);
    if (cached && cached.head === at) return cached.text;
    const key = `${at}:${path}`;
    let pending = fileRequests.get(key);
    if (!pending) {
      pending = fetchFile(path, at).finally(() => fileRequests.delete(key));
      fileRequests.set(key, pending);
    }
    return pending;
  }

  /** Every file below the prefixes at a commit, with blob shas. */
  async function listFiles(commit: string, prefixes: string[]): Promise<Map<string, string>> {
    const res = await client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...repo, tree_sha: await getTree(commit), recursive: 'true' });
    const out = new Map<string, string>();
    for (const e of res.data.tree) if (e.type === 'blob' && e.path && prefixes.some((p) => e.path!.startsWith(`${p}/`))) out.set(e.path, e.sha!);
    return out;
  }

  async function diffTrees(since: string | undefined, at: string, prefixes: string[]): Promise<ChangedFile[]> {
    const after = await listFiles(at, prefixes);
    const before = since ? await listFiles(since, prefixes) : new Map<string, string>();
    const out: ChangedFile[] = [];
    for (const [path, sha] of after) if (before.get(path) !== sha) out.push({ path, status: before.has(path) ? 'modified' : 'added' });
    for (const path of before.keys()) if (!after.has(path)) out.push({ path, status: 'deleted' });
    return out;
  }

  /** Files below the prefixes changed between `since` and the head. */
  async function changedSince(since: string, prefixes: string[]): Promise<{ head: string; files: ChangedFile[] }> {
    const at = await getHead();
    if (since === at) return { head: at, files: [] };
    const key = `${since}|${at}|${prefixes.join(',')}`;
    const known = comparisons.get(key);
    if (known) return { head: at, files: known };
    let result: ChangedFile[];
    if (!/^[0-9a-f]{40}$/.test(since)) result = await diffTrees(undefined, at, prefixes);
    else {
      try {
        const res = await client.request('GET /repos/{owner}/{repo}/compare/{basehead}', { ...repo, basehead: `${since}...${at}` });
        // GitHub lists at most 300 files, and a diverged compare starts from the merge base: diff the trees instead.
        if (res.data.status !== 'ahead' || (res.data.files?.length ?? 0) >= 300) result = await diffTrees(since, at, prefixes);
        else {
          result = [];
          for (const f of res.data.files ?? []) {
            if (f.status === 'renamed' && f.previous_filename) result.push({ path: f.previous_filename, status: 'deleted' });
            const status = f.status === 'removed' ? 'deleted' : f.status === 'added' || f.status === 'copied' || f.status === 'renamed' ? 'added' : 'modified';
            result.push({ path: f.filename, status });
          }
          result = result.filter((f) => prefixes.some((p) => f.path.startsWith(`${p}/`)));
        }
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
        result = await diffTrees(undefined, at, prefixes);
      }
    }
    remember(comparisons, key, result);
    return { head: at, files: result };
  }

  /** Records our own commit: the new head, its tree, the files written, and that untouched cached files are unchanged. */
  function noteCommit(parent: string, commit: string, tree: string, written: Map<string, string | undefined>) {
    remember(trees, commit, tree);
    head = { sha: commit, at: Date.now() };
    for (const [path, entry] of files) if (entry.head === parent && !written.has(path)) entry.head = commit;
    for (const [path, text] of written) remember(files, path, { head: commit, text });
  }

  /** The last head seen, without asking GitHub (undefined before the first read). */
  const knownHead = () => head?.sha;

  return { getHead, knownHead, getTree, readFile, changedSince, noteCommit };
}

/** The reader type. */
export type GithubReader = ReturnType<typeof createGithubReader>;
