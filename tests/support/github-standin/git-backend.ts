// The stand-in's storage: a real bare git repository driven through plumbing commands, so every
// commit, tree and ref the stand-in hands out is a genuine git object that `git fsck` can check.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A person line of a commit. */
export interface GitPerson {
  name: string;
  email: string;
  date: string;
}

/** A commit as the backend reads it back. */
export interface GitCommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: GitPerson;
  committer: GitPerson;
  message: string;
}

/** One entry of a tree to create: a blob sha, inline content, or null to delete. */
export interface TreeEntryInput {
  path: string;
  mode: string;
  sha?: string | null;
  content?: string;
}

/** Thrown when a compare-and-swap ref update finds the ref moved. */
export class RefMovedError extends Error {}

/** Runs git in the repository; stdin optional; resolves with stdout (utf8 or raw). */
function runGit(dir: string, args: string[], input?: string | Buffer, env: Record<string, string> = {}, raw = false): Promise<string & Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', args, { cwd: dir, env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024, encoding: raw ? 'buffer' : 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stderr: String(stderr) }));
      else resolve(stdout as string & Buffer);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

function parsePerson(line: string): GitPerson {
  const m = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
  if (!m) return { name: line, email: '', date: new Date(0).toISOString() };
  return { name: m[1], email: m[2], date: new Date(Number(m[3]) * 1000).toISOString() };
}

/** Creates a bare repository with one commit on `branch`; returns the backend operating on it. */
export function createGitBackend(branch = 'main') {
  const dir = mkdtempSync(join(tmpdir(), 'plein-github-standin-'));
  execFileSync('git', ['init', '--quiet', '--bare', '-b', branch, dir]);
  const git = (args: string[], input?: string | Buffer, env?: Record<string, string>) => runGit(dir, args, input, env);

  async function hashBlobs(contents: (string | Buffer)[]): Promise<string[]> {
    if (!contents.length) return [];
    if (contents.length === 1) return [(await git(['hash-object', '-w', '--stdin'], contents[0])).trim()];
    const tmp = mkdtempSync(join(tmpdir(), 'plein-standin-blobs-'));
    try {
      const paths = contents.map((c, i) => {
        const p = join(tmp, String(i));
        writeFileSync(p, c);
        return p;
      });
      return (await git(['hash-object', '-w', '--stdin-paths'], paths.join('\n') + '\n')).trim().split('\n');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  const backend = {
    dir,
    /** The commit a branch points at, or undefined. */
    async getRef(name: string): Promise<string | undefined> {
      return git(['rev-parse', '--verify', '--quiet', `refs/heads/${name}^{commit}`]).then((s) => s.trim(), () => undefined);
    },
    /** Moves a branch from `old` to `sha` atomically; RefMovedError when it no longer points at `old`. */
    async updateRef(name: string, sha: string, old: string): Promise<void> {
      try {
        await git(['update-ref', `refs/heads/${name}`, sha, old]);
      } catch (err) {
        throw new RefMovedError(String((err as { stderr?: string }).stderr).trim());
      }
    },
    /** The type of an object, or undefined when it does not exist. */
    async typeOf(sha: string): Promise<string | undefined> {
      if (!/^[0-9a-f]{4,40}$/.test(sha)) return undefined;
      return git(['cat-file', '-t', sha]).then((s) => s.trim(), () => undefined);
    },
    /** Stores blobs; resolves with their shas in order. */
    hashBlobs,
    /** A new tree: `base` plus the entries (null sha deletes). */
    async createTree(base: string | undefined, entries: TreeEntryInput[]): Promise<string> {
      const index = join(mkdtempSync(join(tmpdir(), 'plein-standin-index-')), 'index');
      const env = { GIT_INDEX_FILE: index };
      try {
        if (base) await git(['read-tree', base], undefined, env);
        else await git(['read-tree', '--empty'], undefined, env);
        const inline = entries.filter((e) => e.content !== undefined);
        const shas = await hashBlobs(inline.map((e) => e.content!));
        inline.forEach((e, i) => (e.sha = shas[i]));
        const lines = entries.map((e) => (e.sha === null ? `0 ${'0'.repeat(40)}\t${e.path}` : `${e.mode} ${e.sha}\t${e.path}`));
        if (lines.length) await git(['update-index', '--index-info'], lines.join('\n') + '\n', env);
        return (await git(['write-tree'], undefined, env)).trim();
      } finally {
        rmSync(join(index, '..'), { recursive: true, force: true });
      }
    },
    /** A new commit object (the ref does not move). */
    async createCommit(input: { tree: string; parents: string[]; message: string; author: GitPerson; committer: GitPerson }): Promise<string> {
      const env = {
        GIT_AUTHOR_NAME: input.author.name,
        GIT_AUTHOR_EMAIL: input.author.email,
        GIT_AUTHOR_DATE: input.author.date,
        GIT_COMMITTER_NAME: input.committer.name,
        GIT_COMMITTER_EMAIL: input.committer.email,
        GIT_COMMITTER_DATE: input.committer.date,
      };
      return (await git(['commit-tree', input.tree, ...input.parents.flatMap((p) => ['-p', p]), '-F', '-'], input.message, env)).trim();
    },
    /** A commit's tree, parents, people and message. */
    async readCommit(sha: string): Promise<GitCommitInfo> {
      const text = await git(['cat-file', 'commit', sha]);
      const [head, ...body] = text.split('\n\n');
      const info: GitCommitInfo = { sha, tree: '', parents: [], author: parsePerson(''), committer: parsePerson(''), message: body.join('\n\n') };
      for (const line of head.split('\n')) {
        const [key, ...rest] = line.split(' ');
        const value = rest.join(' ');
        if (key === 'tree') info.tree = value;
        else if (key === 'parent') info.parents.push(value);
        else if (key === 'author') info.author = parsePerson(value);
        else if (key === 'committer') info.committer = parsePerson(value);
      }
      return info;
    },
    /** The blob sha of a file at a commit, or undefined. */
    async blobAt(commit: string, path: string): Promise<string | undefined> {
      const out = await git(['ls-tree', commit, '--', path]).catch(() => '');
      const m = /^\d+ blob ([0-9a-f]{40})\t/.exec(out);
      return m?.[1];
    },
    /** A blob's bytes. */
    async readBlob(sha: string): Promise<Buffer> {
      return runGit(dir, ['cat-file', 'blob', sha], undefined, {}, true);
    },
    /** Every entry of a tree, recursively (trees included). */
    async listTree(sha: string): Promise<{ path: string; mode: string; type: string; sha: string; size?: number }[]> {
      const out = await git(['ls-tree', '-r', '-t', '-l', '--full-tree', sha]);
      return out.split('\n').filter(Boolean).map((line) => {
        const [meta, path] = line.split('\t');
        const [mode, type, objectSha, size] = meta.split(/\s+/);
        return { path, mode, type, sha: objectSha, size: size === '-' ? undefined : Number(size) };
      });
    },
    /** Files that differ between two commits. */
    async diff(base: string, head: string): Promise<{ path: string; code: string; sha: string }[]> {
      const out = await git(['diff-tree', '-r', '--no-renames', base, head]);
      return out.split('\n').filter(Boolean).map((line) => {
        const [meta, path] = line.split('\t');
        const parts = meta.split(' ');
        return { path, code: parts[4], sha: parts[4] === 'D' ? parts[2] : parts[3] };
      });
    },
    /** Commits reachable from head but not from base. */
    async countBetween(base: string, head: string): Promise<number> {
      return Number((await git(['rev-list', '--count', `${base}..${head}`])).trim());
    },
    /** Output of `git fsck` (empty when the repository is sound). */
    async fsck(): Promise<string> {
      return (await git(['fsck', '--no-progress', '--strict', '--no-dangling'])).trim();
    },
    /** Runs any git command in the bare repository (for tests and the bench). */
    git,
    /** Removes the repository. */
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return backend;
}

/** The backend type. */
export type GitBackend = ReturnType<typeof createGitBackend>;

/** Puts a first commit on the branch so the repository is not empty. */
export async function seedRepository(backend: GitBackend, branch: string, files: Record<string, string>): Promise<string> {
  const tree = await backend.createTree(undefined, Object.entries(files).map(([path, content]) => ({ path, mode: '100644', content })));
  const now = new Date().toISOString();
  const who = { name: 'Stand-in', email: 'standin@github.invalid', date: now };
  const commit = await backend.createCommit({ tree, parents: [], message: 'begin', author: who, committer: who });
  await backend.git(['update-ref', `refs/heads/${branch}`, commit]);
  return commit;
}
