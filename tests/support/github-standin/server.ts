// A GitHub stand-in for tests and benchmarks: the git data, contents, commits and compare endpoints of the
// REST API (plus refs and pull requests for suggested edits) on loopback, backed by a real bare repository,
// with fault injection and request counters.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { components } from '@octokit/openapi-types';
import { createGitBackend, RefMovedError, seedRepository, type GitBackend } from './git-backend.ts';

type Schemas = components['schemas'];

/** Faults to inject; each `…Every: n` hits every n-th matching request (0 or absent: never). */
export interface StandinFaults {
  /** Another writer moves the branch just before every n-th ref update (which then fails as GitHub would). */
  conflictEvery?: number;
  /** 403 secondary rate limit with retry-after on every n-th content-creating request. */
  secondaryLimitEvery?: number;
  /** 429 with retry-after on every n-th request. */
  tooManyEvery?: number;
  /** 502 on every n-th request. */
  badGatewayEvery?: number;
  /** Delay of every response. */
  slowMs?: number;
  /** The retry-after header sent with 403/429 (seconds). */
  retryAfter?: number;
}

/** Settings of the stand-in. */
export interface StandinOptions {
  owner?: string;
  repo?: string;
  branch?: string;
  /** Files of the first commit. */
  files?: Record<string, string>;
  /** Accepted tokens (`Authorization: token …`); absent accepts any request. */
  tokens?: string[];
  faults?: StandinFaults;
  /** Team slugs of the organisation that can be asked to review; absent accepts any. */
  teams?: string[];
}

const WRITE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** A pull request the stand-in holds. */
export interface StandinPull {
  number: number;
  title: string;
  body: string | null;
  head: string;
  base: string;
  state: 'open' | 'closed';
  teamReviewers: string[];
  createdAt: string;
  /** The head commit when it was opened (kept when its branch is deleted). */
  headSha: string;
  closedAt?: string;
  mergedAt?: string;
}

/** Starts the stand-in on 127.0.0.1 with a random port. */
export async function startGithubStandin(options: StandinOptions = {}) {
  const owner = options.owner ?? 'wadvoort';
  const repo = options.repo ?? 'intranet';
  const branch = options.branch ?? 'main';
  const git: GitBackend = createGitBackend(branch);
  await seedRepository(git, branch, options.files ?? { 'README.md': 'repo\n' });
  const tokens = new Set(options.tokens ?? []);
  let faults: StandinFaults = { ...options.faults };
  const stats = { requests: 0, contentRequests: 0, writeTimes: [] as number[], conflicts: 0, faultsInjected: 0, foreignCommits: 0, installationTokens: 0, notModified: 0 };
  let refUpdates = 0;
  // Pull requests live in memory; their branches are real refs in the bare repository.
  const pulls: StandinPull[] = [];
  let contentCount = 0;
  const prefix = `/repos/${owner}/${repo}`;
  let base = '';
  const url = (path: string) => `${base}${path}`;

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '4999', 'x-ratelimit-limit': '5000', ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
    send(res, status, { message, documentation_url: 'https://docs.github.com/rest' }, headers);
  const etagged = (req: IncomingMessage, res: ServerResponse, etag: string, body: () => Promise<unknown>) =>
    req.headers['if-none-match'] === etag ? (stats.notModified++, res.writeHead(304, { etag }), res.end(), undefined) : body().then((b) => send(res, 200, b, { etag }));

  const gitRef = (sha: string, name = branch): Schemas['git-ref'] => ({
    ref: `refs/heads/${name}`,
    node_id: `REF_${sha.slice(0, 8)}`,
    url: url(`${prefix}/git/refs/heads/${name}`),
    object: { type: 'commit', sha, url: url(`${prefix}/git/commits/${sha}`) },
  });
  const gitCommit = async (sha: string): Promise<Schemas['git-commit']> => {
    const c = await git.readCommit(sha);
    return {
      sha,
      node_id: `C_${sha.slice(0, 8)}`,
      url: url(`${prefix}/git/commits/${sha}`),
      html_url: `https://github.invalid/${owner}/${repo}/commit/${sha}`,
      author: c.author,
      committer: c.committer,
      message: c.message.replace(/\n$/, ''),
      tree: { sha: c.tree, url: url(`${prefix}/git/trees/${c.tree}`) },
      parents: c.parents.map((p) => ({ sha: p, url: url(`${prefix}/git/commits/${p}`), html_url: `https://github.invalid/${owner}/${repo}/commit/${p}` })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    };
  };

  /** Another writer: a commit on the branch that the store did not make. */
  async function moveBranchByOtherWriter() {
    const head = (await git.getRef(branch))!;
    const parent = await git.readCommit(head);
    const n = ++stats.foreignCommits;
    const tree = await git.createTree(parent.tree, [{ path: `andere-schrijver/${n}.md`, mode: '100644', content: `wijziging ${n}\n` }]);
    const who = { name: 'Redacteur', email: 'redactie@wadvoort.nl', date: new Date().toISOString() };
    const commit = await git.createCommit({ tree, parents: [head], message: `Andere schrijver ${n}`, author: who, committer: who });
    await git.updateRef(branch, commit, head);
  }

  /** A pull request as the REST API describes one (the fields a client reads). */
  const pullJson = (p: StandinPull, headSha: string, baseSha: string) =>
    ({
      url: url(`${prefix}/pulls/${p.number}`),
      id: p.number,
      node_id: `PR_${p.number}`,
      html_url: `https://github.invalid/${owner}/${repo}/pull/${p.number}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      body: p.body,
      created_at: p.createdAt,
      updated_at: p.closedAt ?? p.createdAt,
      closed_at: p.closedAt ?? null,
      merged_at: p.mergedAt ?? null,
      draft: false,
      requested_teams: p.teamReviewers.map((slug) => ({ slug, name: slug })) as Schemas['pull-request']['requested_teams'],
      head: { label: `${owner}:${p.head}`, ref: p.head, sha: headSha } as Schemas['pull-request']['head'],
      base: { label: `${owner}:${p.base}`, ref: p.base, sha: baseSha } as Schemas['pull-request']['base'],
    }) satisfies Partial<Schemas['pull-request']>;

  async function readBody(req: IncomingMessage): Promise<any> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://standin');
    const path = decodeURIComponent(pathname);
    stats.requests++;
    if (WRITE.has(method)) {
      stats.contentRequests++;
      stats.writeTimes.push(Date.now());
    }
    if (faults.slowMs) await new Promise((r) => setTimeout(r, faults.slowMs));
    const every = (n: number | undefined, count: number) => !!n && count % n === 0;
    const retryAfter = String(faults.retryAfter ?? 1);
    if (every(faults.badGatewayEvery, stats.requests)) return stats.faultsInjected++, fail(res, 502, 'Server Error');
    if (every(faults.tooManyEvery, stats.requests)) {
      stats.faultsInjected++;
      return fail(res, 429, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', { 'retry-after': retryAfter });
    }
    if (WRITE.has(method) && every(faults.secondaryLimitEvery, ++contentCount)) {
      stats.faultsInjected++;
      return fail(res, 403, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', { 'retry-after': retryAfter });
    }

    const installation = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (installation && method === 'POST') {
      if (!/^bearer [\w-]+\.[\w-]+\.[\w-]+$/i.test(req.headers.authorization ?? '')) return fail(res, 401, 'A JSON web token could not be decoded');
      const token = `ghs_standin${++stats.installationTokens}${Math.random().toString(36).slice(2)}`;
      tokens.add(token);
      return send(res, 201, { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: { contents: 'write' } } satisfies Partial<Schemas['installation-token']>);
    }
    if (tokens.size && !tokens.has(String(req.headers.authorization ?? '').replace(/^(token|bearer) /i, ''))) return fail(res, 401, 'Bad credentials');
    if (!path.startsWith(`${prefix}/`)) return fail(res, 404, 'Not Found');
    const rest = path.slice(prefix.length);

    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/git\/ref\/heads\/(.+)$/.exec(rest))) {
      const sha = await git.getRef(m[1]);
      return sha ? etagged(req, res, `"${sha}"`, async () => gitRef(sha)) : fail(res, 404, 'Not Found');
    }
    if (method === 'PATCH' && (m = /^\/git\/refs\/heads\/(.+)$/.exec(rest))) {
      const body = await readBody(req);
      const old = await git.getRef(m[1]);
      if (!old) return fail(res, 422, 'Reference does not exist');
      if ((await git.typeOf(body.sha)) !== 'commit') return fail(res, 422, 'Object does not exist');
      if (every(faults.conflictEvery, ++refUpdates)) await moveBranchByOtherWriter();
      const current = (await git.getRef(m[1]))!;
      const fastForward = current === body.sha || (await git.git(['merge-base', '--is-ancestor', current, body.sha]).then(() => true, () => false));
      if (!fastForward && !body.force) return stats.conflicts++, fail(res, 422, 'Update is not a fast forward');
      try {
        await git.updateRef(m[1], body.sha, current);
      } catch (err) {
        if (err instanceof RefMovedError) return stats.conflicts++, fail(res, 422, 'Update is not a fast forward');
        throw err;
      }
      return send(res, 200, gitRef(body.sha));
    }
    if (method === 'GET' && (m = /^\/git\/matching-refs\/heads\/(.*)$/.exec(rest))) {
      // Every branch whose name starts with the prefix (an empty list when none).
      const out = await git.git(['for-each-ref', '--format=%(refname) %(objectname)', `refs/heads/${m[1]}`]).catch(() => '');
      const refs = String(out).split('\n').filter(Boolean).map((line) => line.split(' ')).filter(([ref]) => ref.startsWith(`refs/heads/${m![1]}`));
      return send(res, 200, refs.map(([ref, sha]) => ({ ref, node_id: ref, url: url(`${prefix}/git/${ref}`), object: { type: 'commit', sha, url: url(`${prefix}/git/commits/${sha}`) } })));
    }
    if (method === 'DELETE' && (m = /^\/git\/refs\/heads\/(.+)$/.exec(rest))) {
      if (!(await git.getRef(m[1]))) return fail(res, 422, 'Reference does not exist');
      await git.git(['update-ref', '-d', `refs/heads/${m[1]}`]);
      return send(res, 204);
    }
    if (method === 'PATCH' && (m = /^\/pulls\/(\d+)$/.exec(rest))) {
      const pull = pulls[Number(m[1]) - 1];
      if (!pull) return fail(res, 404, 'Not Found');
      const body = await readBody(req);
      if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') return fail(res, 422, 'Validation Failed: state');
      if (typeof body.title === 'string') pull.title = body.title;
      if (typeof body.body === 'string') pull.body = body.body;
      if (body.state === 'closed' && pull.state === 'open') Object.assign(pull, { state: 'closed', closedAt: new Date().toISOString() });
      return send(res, 200, pullJson(pull, (await git.getRef(pull.head)) ?? pull.headSha, (await git.getRef(pull.base)) ?? ''));
    }
    if (method === 'POST' && rest === '/git/refs') {
      const body = await readBody(req);
      const name = typeof body.ref === 'string' ? /^refs\/heads\/([\w./-]+)$/.exec(body.ref)?.[1] : undefined;
      if (!name || name.includes('..') || name.endsWith('/') || name.endsWith('.lock')) return fail(res, 422, 'Reference name is invalid');
      if ((await git.typeOf(body.sha)) !== 'commit') return fail(res, 422, 'Object does not exist');
      try {
        await git.updateRef(name, body.sha, '0'.repeat(40));
      } catch (err) {
        if (err instanceof RefMovedError) return fail(res, 422, 'Reference already exists');
        throw err;
      }
      return send(res, 201, gitRef(body.sha, name));
    }
    if (method === 'POST' && rest === '/pulls') {
      const body = await readBody(req);
      if (typeof body.title !== 'string' || !body.title.trim()) return fail(res, 422, 'Validation Failed: title is missing');
      const headName = String(body.head ?? '').replace(new RegExp(`^${owner}:`), '');
      const [headSha, baseSha] = [await git.getRef(headName), await git.getRef(String(body.base ?? ''))];
      if (!headSha || !baseSha) return fail(res, 422, 'Validation Failed: head or base does not exist');
      if (headName === body.base) return fail(res, 422, 'Validation Failed: head and base are the same');
      if (pulls.some((p) => p.state === 'open' && p.head === headName)) return fail(res, 422, `Validation Failed: A pull request already exists for ${owner}:${headName}.`);
      const pull: StandinPull = { number: pulls.length + 1, title: body.title, body: typeof body.body === 'string' ? body.body : null, head: headName, base: body.base, state: 'open', teamReviewers: [], createdAt: new Date().toISOString(), headSha };
      pulls.push(pull);
      return send(res, 201, pullJson(pull, headSha, baseSha));
    }
    if (method === 'GET' && rest === '/pulls') {
      const head = searchParams.get('head')?.replace(new RegExp(`^${owner}:`), '');
      const state = searchParams.get('state') ?? 'open';
      const list = pulls.filter((p) => (!head || p.head === head) && (state === 'all' || p.state === state));
      // sort=updated&direction=desc: the most recently updated (closed) first; per_page cuts the list.
      if (searchParams.get('sort') === 'updated') list.sort((a, b) => (b.closedAt ?? b.createdAt).localeCompare(a.closedAt ?? a.createdAt));
      const perPage = Math.min(100, Math.max(1, Number(searchParams.get('per_page') ?? 30) || 30));
      const page = Math.max(1, Number(searchParams.get('page') ?? 1) || 1);
      return send(res, 200, await Promise.all(list.slice((page - 1) * perPage, page * perPage).map(async (p) => pullJson(p, (await git.getRef(p.head)) ?? p.headSha, (await git.getRef(p.base)) ?? ''))));
    }
    if ((m = /^\/pulls\/(\d+)(\/requested_reviewers)?$/.exec(rest)) && (method === 'GET' || (method === 'POST' && m[2]))) {
      const pull = pulls[Number(m[1]) - 1];
      if (!pull || (method === 'GET' && m[2])) return fail(res, 404, 'Not Found');
      if (method === 'POST') {
        const body = await readBody(req);
        if (!Array.isArray(body.team_reviewers) && !Array.isArray(body.reviewers)) return fail(res, 422, 'Validation Failed: reviewers or team_reviewers is required');
        const unknown = (body.team_reviewers ?? []).map(String).filter((t: string) => options.teams && !options.teams.includes(t));
        if (unknown.length) return fail(res, 422, `Reviews may only be requested from collaborators. One or more of the teams you specified is not a collaborator of the ${owner}/${repo} repository.`);
        pull.teamReviewers.push(...(body.team_reviewers ?? []).map(String));
        return send(res, 201, pullJson(pull, (await git.getRef(pull.head)) ?? '', (await git.getRef(pull.base)) ?? ''));
      }
      return send(res, 200, pullJson(pull, (await git.getRef(pull.head)) ?? '', (await git.getRef(pull.base)) ?? ''));
    }
    if (method === 'GET' && rest === '/commits') {
      // The commit list (newest first), with since= and page/per_page paging like GitHub's.
      const ref = searchParams.get('sha') ?? branch;
      const head = /^[0-9a-f]{40}$/.test(ref) ? ref : await git.getRef(ref);
      if (!head || (await git.typeOf(head)) !== 'commit') return fail(res, 404, `No commit found for SHA: ${ref}`);
      const since = searchParams.get('since');
      if (since && Number.isNaN(Date.parse(since))) return fail(res, 422, 'Invalid request: since is not a timestamp');
      const perPage = Math.min(100, Math.max(1, Number(searchParams.get('per_page') ?? 30) || 30));
      const page = Math.max(1, Number(searchParams.get('page') ?? 1) || 1);
      const shas = (await git.git(['rev-list', `--skip=${(page - 1) * perPage}`, `--max-count=${perPage}`, ...(since ? [`--since=${since}`] : []), head])).split('\n').filter(Boolean);
      const list = await Promise.all(
        shas.map(async (sha) => {
          const c = await gitCommit(sha);
          return {
            sha, node_id: c.node_id, url: url(`${prefix}/commits/${sha}`), html_url: c.html_url, comments_url: url(`${prefix}/commits/${sha}/comments`),
            commit: { url: c.url, author: c.author, committer: c.committer, message: c.message, tree: c.tree, comment_count: 0, verification: c.verification },
            author: null, committer: null, parents: c.parents,
          } satisfies Partial<Schemas['commit']>;
        }),
      );
      const next = new URL(`${base}${pathname}`);
      searchParams.forEach((v, k) => next.searchParams.set(k, v));
      next.searchParams.set('page', String(page + 1));
      return send(res, 200, list, shas.length === perPage ? { link: `<${next}>; rel="next"` } : {});
    }
    if (method === 'GET' && (m = /^\/git\/commits\/([0-9a-f]{40})$/.exec(rest))) {
      return (await git.typeOf(m[1])) === 'commit' ? send(res, 200, await gitCommit(m[1])) : fail(res, 404, 'Not Found');
    }
    if (method === 'POST' && rest === '/git/blobs') {
      const body = await readBody(req);
      if (typeof body.content !== 'string') return fail(res, 422, 'Invalid request: content is missing');
      const [sha] = await git.hashBlobs([Buffer.from(body.content, body.encoding === 'base64' ? 'base64' : 'utf8')]);
      return send(res, 201, { sha, url: url(`${prefix}/git/blobs/${sha}`) } satisfies Schemas['short-blob']);
    }
    if (method === 'POST' && rest === '/git/trees') {
      const body = await readBody(req);
      if (body.base_tree && (await git.typeOf(body.base_tree)) !== 'tree') return fail(res, 422, 'Invalid tree info: base_tree');
      if (!Array.isArray(body.tree)) return fail(res, 422, 'Invalid request: tree is missing');
      for (const e of body.tree) {
        if (typeof e.path !== 'string' || e.path.startsWith('/') || e.path.split('/').some((s: string) => s === '' || s === '.' || s === '..' || s === '.git')) return fail(res, 422, `Invalid tree path: ${e.path}`);
        if (e.sha !== null && e.content === undefined && (await git.typeOf(e.sha)) !== 'blob') return fail(res, 422, `Invalid tree info: sha ${e.sha}`);
      }
      const sha = await git.createTree(body.base_tree, body.tree);
      const entries = await git.git(['ls-tree', sha]);
      const tree: Schemas['git-tree']['tree'] = entries.split('\n').filter(Boolean).map((line) => {
        const [meta, p] = line.split('\t');
        const [mode, type, s] = meta.split(' ');
        return { path: p, mode, type, sha: s, url: url(`${prefix}/git/${type}s/${s}`) };
      });
      return send(res, 201, { sha, url: url(`${prefix}/git/trees/${sha}`), truncated: false, tree } satisfies Schemas['git-tree']);
    }
    if (method === 'POST' && rest === '/git/commits') {
      const body = await readBody(req);
      if ((await git.typeOf(body.tree)) !== 'tree') return fail(res, 422, 'Tree SHA does not exist');
      for (const p of body.parents ?? []) if ((await git.typeOf(p)) !== 'commit') return fail(res, 422, 'Parent SHA does not exist or is not a commit object');
      const now = new Date().toISOString();
      const author = { date: now, ...(body.author ?? { name: 'Stand-in', email: 'standin@github.invalid' }) };
      const committer = { date: now, ...(body.committer ?? author) };
      const sha = await git.createCommit({ tree: body.tree, parents: body.parents ?? [], message: String(body.message ?? ''), author, committer });
      return send(res, 201, await gitCommit(sha));
    }
    if (method === 'GET' && (m = /^\/git\/trees\/([0-9a-f]{40})$/.exec(rest))) {
      if ((await git.typeOf(m[1])) !== 'tree') return fail(res, 404, 'Not Found');
      const list = searchParams.get('recursive') ? await git.listTree(m[1]) : (await git.listTree(m[1])).filter((e) => !e.path.includes('/'));
      const tree: Schemas['git-tree']['tree'] = list.map((e) => ({ ...e, url: url(`${prefix}/git/${e.type}s/${e.sha}`) }));
      return send(res, 200, { sha: m[1], url: url(`${prefix}/git/trees/${m[1]}`), truncated: false, tree } satisfies Schemas['git-tree']);
    }
    if (method === 'GET' && (m = /^\/contents\/(.+)$/.exec(rest))) {
      const ref = searchParams.get('ref') ?? branch;
      const commit = /^[0-9a-f]{40}$/.test(ref) ? ref : await git.getRef(ref);
      const blob = commit && (await git.blobAt(commit, m[1]));
      if (!blob) return fail(res, 404, 'Not Found');
      const file = m[1];
      return etagged(req, res, `"${blob}"`, async () => {
        const bytes = await git.readBlob(blob);
        return {
          type: 'file', encoding: 'base64', size: bytes.length, name: file.split('/').pop()!, path: file, content: bytes.toString('base64'), sha: blob,
          url: url(`${prefix}/contents/${file}?ref=${ref}`), git_url: url(`${prefix}/git/blobs/${blob}`), html_url: null, download_url: null,
          _links: { self: url(`${prefix}/contents/${file}`), git: null, html: null },
        } satisfies Schemas['content-file'];
      });
    }
    if (method === 'GET' && (m = /^\/compare\/([^.]+)\.\.\.([^.]+)$/.exec(rest))) {
      const resolve = async (r: string) => ((await git.typeOf(r)) === 'commit' ? r : git.getRef(r));
      const [from, to] = [await resolve(m[1]), await resolve(m[2])];
      if (!from || !to) return fail(res, 404, 'Not Found');
      return etagged(req, res, `"${from}...${to}"`, async () => {
        const files: Schemas['diff-entry'][] = (await git.diff(from, to)).slice(0, 300).map((f) => ({
          sha: f.sha, filename: f.path, status: f.code === 'A' ? 'added' : f.code === 'D' ? 'removed' : 'modified', additions: 0, deletions: 0, changes: 0,
          blob_url: '', raw_url: '', contents_url: url(`${prefix}/contents/${f.path}?ref=${to}`),
        }));
        const ahead = await git.countBetween(from, to);
        const behind = await git.countBetween(to, from);
        const status: Schemas['commit-comparison']['status'] = ahead && behind ? 'diverged' : ahead ? 'ahead' : behind ? 'behind' : 'identical';
        return { url: url(`${prefix}/compare/${m![1]}...${m![2]}`), status, ahead_by: ahead, behind_by: behind, total_commits: ahead, files } satisfies Partial<Schemas['commit-comparison']>;
      });
    }
    return fail(res, 404, 'Not Found');
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err) => {
      if (!res.headersSent) fail(res, 500, `stand-in: ${String((err as Error).message).split('\n')[0]}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** The API root to give Octokit as baseUrl. */
    baseUrl: base,
    owner,
    repo,
    branch,
    git,
    stats,
    /** The pull requests opened so far. */
    pulls: () => pulls.map((p) => ({ ...p, teamReviewers: [...p.teamReviewers] })),
    /** Closes pull request `number` as a reviewer on GitHub would: merged (its head fast-forwards the base) or not; its branch is deleted. */
    async closePull(number: number, options: { merged?: boolean; at?: Date } = {}) {
      const pull = pulls[number - 1];
      if (!pull || pull.state !== 'open') throw new Error(`stand-in: pull request ${number} is not open`);
      const at = (options.at ?? new Date()).toISOString();
      if (options.merged) {
        await git.updateRef(pull.base, pull.headSha, (await git.getRef(pull.base))!);
        pull.mergedAt = at;
      }
      Object.assign(pull, { state: 'closed', closedAt: at });
      await git.git(['update-ref', '-d', `refs/heads/${pull.head}`]);
    },
    /** Replaces the faults to inject. */
    setFaults(next: StandinFaults) {
      faults = { ...next };
    },
    /** The most content-creating requests seen in any 60-second window. */
    maxContentRequestsPerMinute(): number {
      let best = 0;
      for (let i = 0, j = 0; j < stats.writeTimes.length; j++) {
        while (stats.writeTimes[j] - stats.writeTimes[i] >= 60_000) i++;
        best = Math.max(best, j - i + 1);
      }
      return best;
    },
    /** Stops the server and removes the repository. */
    async close() {
      const closed = new Promise((r) => server.close(r));
      server.closeAllConnections();
      await closed;
      git.dispose();
    },
  };
}

/** A running stand-in. */
export type GithubStandin = Awaited<ReturnType<typeof startGithubStandin>>;
