// Proves a history rewrite worked: reads every object still reachable in a repository (all branches, tags, notes,
// HEAD, the reflogs) through one `git cat-file --batch` and looks for each needle in its raw bytes — blob contents,
// tree entry names, commit headers (author, committer) and messages, tag headers (tagger) and messages.
import { spawn } from 'node:child_process';
import { runGit } from '../store/run-git.ts';

/** One reachable object (or a ref name) that still holds a needle; the needle is named by its index, so the finding can be logged. */
export interface HistoryFinding {
  object: string;
  type: string;
  needleIndex: number;
}

/** What the verification read and what it found (`ok` when nothing). */
export interface HistoryVerification {
  ok: boolean;
  objectsChecked: number;
  findings: HistoryFinding[];
}

/** ASCII case folding on bytes, the same folding as the rewrite's `(?i)` on bytes, so both agree on what a match is. */
export function foldAscii(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < out.length; i++) if (out[i] >= 0x41 && out[i] <= 0x5a) out[i] += 0x20;
  return out;
}

/** Every object id reachable from any ref, HEAD or reflog entry (tag objects included). */
async function listReachableObjects(repo: string): Promise<string[]> {
  const out = await runGit(repo, ['rev-list', '--objects', '--all', '--reflog']);
  const ids = new Set<string>();
  for (const line of out.split('\n')) if (line) ids.add(line.split(' ')[0]);
  return [...ids];
}

/** Streams `git cat-file --batch` for `ids`, calling `onObject` with each object's id, type and raw content. */
function readObjects(repo: string, ids: string[], onObject: (id: string, type: string, content: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: repo, stdio: ['pipe', 'pipe', 'pipe'] });
    let pending: Buffer = Buffer.alloc(0);
    let header: { id: string; type: string; size: number } | null = null;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (!header) {
          const end = pending.indexOf(0x0a);
          if (end === -1) return;
          const [id, type, size] = pending.subarray(0, end).toString('utf8').split(' ');
          pending = pending.subarray(end + 1);
          if (type === 'missing') {
            child.kill();
            reject(new Error(`Object ${id} ontbreekt in de repository; de controle kan niet volledig zijn.`));
            return;
          }
          header = { id, type, size: Number(size) };
        }
        if (pending.length < header.size + 1) return;
        onObject(header.id, header.type, pending.subarray(0, header.size));
        pending = pending.subarray(header.size + 1);
        header = null;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git cat-file faalde (${code}): ${stderr.trim()}`))));
    child.stdin.end(ids.length ? `${ids.join('\n')}\n` : '');
  });
}

/** Checks that no reachable object of `repo` holds any of `needles` (ASCII case-insensitive). */
export async function verifyHistory(repo: string, needles: string[]): Promise<HistoryVerification> {
  const folded = needles.map((needle) => foldAscii(Buffer.from(needle, 'utf8')));
  const ids = await listReachableObjects(repo);
  const findings: HistoryFinding[] = [];
  // A ref's name is no object, but a branch such as voorstel/<id> would still name the person.
  for (const ref of (await runGit(repo, ['for-each-ref', '--format=%(refname)'])).split('\n').filter(Boolean)) {
    const name = foldAscii(Buffer.from(ref, 'utf8'));
    folded.forEach((needle, needleIndex) => {
      if (name.includes(needle)) findings.push({ object: ref, type: 'ref', needleIndex });
    });
  }
  await readObjects(repo, ids, (id, type, content) => {
    const haystack = foldAscii(content);
    folded.forEach((needle, needleIndex) => {
      if (haystack.includes(needle)) findings.push({ object: id, type, needleIndex });
    });
  });
  return { ok: findings.length === 0, objectsChecked: ids.length, findings };
}
