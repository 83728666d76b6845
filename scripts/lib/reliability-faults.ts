// d. Storage faults for `npm run test:reliability`: the content repository and the state store (whose outbox
// acknowledges writes) each on a small tmpfs. Both full: writes answer 503 with a clear Dutch message and nothing
// is acknowledged; pages and /api/feed keep working; cleared, the same request is stored. The repository
// remounted read-only: the outbox still acknowledges, the commit waits and lands once the repository is writable
// again (nothing acknowledged is lost). Needs `mount` (root with CAP_SYS_ADMIN); without it the scenario is
// skipped and says why. (A tmpfs with a database open for writing cannot be remounted read-only.)
import { execFileSync } from 'node:child_process';
import { cpSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { tempRepoDir } from '../../functions/hosts/node/plein-server.ts';
import { loginDemo } from './bench-client.ts';
import { countAtRef, fsck } from './reliability-checks.ts';
import { postText } from './reliability-load.ts';
import { killGroup, onInterrupt, startServerChild } from './reliability-process.ts';
import { getFreePort } from './free-port.ts';
import type { ScenarioContext, ScenarioResult } from './reliability-types.ts';

const sh = (cmd: string, args: string[], cwd?: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Writes zeros into `file` until the file system is full; returns the bytes written. */
function fillUp(file: string): number {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(256 * 1024);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  // The last pages: small writes until nothing fits any more.
  const fd2 = openSync(`${file}-rest`, 'w');
  try {
    for (;;) written += writeSync(fd2, Buffer.alloc(512));
  } catch {
    // full
  } finally {
    closeSync(fd2);
  }
  return written;
}

/** Runs the disk-full and read-only checks; `mountOk` tells whether tmpfs could be mounted. */
export async function scenarioStorageFaults(ctx: ScenarioContext, tag: string): Promise<ScenarioResult> {
  const dir = tempRepoDir('reliability-disk');
  const stateDir = tempRepoDir('reliability-state-disk');
  try {
    sh('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir]);
    sh('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', stateDir]);
  } catch (err) {
    for (const d of [dir, stateDir]) {
      try {
        sh('umount', [d]);
      } catch {
        // not mounted
      }
      rmSync(d, { recursive: true, force: true });
    }
    return { figures: [], problems: [], skipped: `mount -t tmpfs lukt hier niet (${String((err as { stderr?: string }).stderr ?? err).trim().split('\n')[0]}); geen echte schijf-vol- of alleen-lezen-fout beschikbaar` };
  }
  const unregister = onInterrupt(() => {
    sh('umount', ['-l', dir]);
    sh('umount', ['-l', stateDir]);
  });
  let server: Awaited<ReturnType<typeof startServerChild>> | undefined;
  const figures: [string, string][] = [['mechanisme', `repository op tmpfs van 16 MB, statusopslag op tmpfs van 4 MB (mount -t tmpfs), beide vol geschreven; daarna de repository mount -o remount,ro`]];
  const problems: string[] = [];
  try {
    // A small content repository on the tmpfs: the organisation's content, no history.
    cpSync(join(ctx.root, 'content'), join(dir, 'content'), { recursive: true });
    sh('git', ['init', '--quiet', '-b', 'main'], dir);
    sh('git', ['add', 'content'], dir);
    sh('git', ['-c', 'user.name=Plein', '-c', 'user.email=plein@intranet.invalid', 'commit', '--quiet', '-m', 'begin'], dir);
    const headFilesBefore = (await countAtRef(dir, 'HEAD', tag)).files;
    const feedPath = `/api/feed?sinds=${sh('git', ['rev-parse', 'HEAD'], dir).trim()}`;
    server = await startServerChild({ repoDir: dir, distDir: ctx.distDir, port: await getFreePort(), stateDir }, ctx.env, feedPath);
    const base = server.base;
    const cookie = await loginDemo(base, ctx.people[0]);
    const post = async (key: string) => {
      const res = await fetch(`${base}/api/berichten`, {
        method: 'POST',
        headers: { cookie, origin: base, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ tekst: postText(key) }),
      });
      return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
    };
    const reads = async () => {
      const page = await fetch(`${base}/`);
      const feed = await fetch(`${base}${feedPath}`);
      await page.body?.cancel();
      await feed.body?.cancel();
      return [page.status, feed.status];
    };
    let stored = 0;
    const expectWrite = async (when: string, key: string) => {
      const r = await post(key);
      if (r.status === 201) stored++;
      else problems.push(`${when}: schrijven gaf ${r.status} in plaats van 201 (${JSON.stringify(r.body)})`);
    };
    const expectRefused = async (fault: string, key: string) => {
      const r = await post(key);
      figures.push([fault, `schrijven → ${r.status} ${r.body.error?.code ?? ''}: “${r.body.error?.message ?? ''}”; lezen (/, /api/feed) → ${(await reads()).join(', ')}`]);
      if (r.status !== 503 || r.body.error?.code !== 'opslag_onbeschikbaar' || !/opgeslagen/.test(r.body.error.message)) problems.push(`${fault}: verwacht 503 opslag_onbeschikbaar met een Nederlandse melding, kreeg ${r.status} ${JSON.stringify(r.body)}`);
      const [page, feed] = await reads();
      if (page !== 200 || feed !== 200) problems.push(`${fault}: lezen werkt niet (/ → ${page}, /api/feed → ${feed})`);
    };

    /** Waits (at most 30 s) until HEAD holds `n` posts of the run: the outbox commits in the background. */
    const inHeadAfter = async (n: number) => {
      const started = performance.now();
      let files = (await countAtRef(dir, 'HEAD', tag)).files - headFilesBefore;
      while (files < n && performance.now() - started < 30_000) {
        await new Promise((r) => setTimeout(r, 100));
        files = (await countAtRef(dir, 'HEAD', tag)).files - headFilesBefore;
      }
      return files;
    };
    await expectWrite('voor de fout', `${tag}-0-0`);
    await inHeadAfter(1);
    // Disk full: the repository's disk and the state store's.
    const fillers = [join(dir, 'vulling'), join(stateDir, 'vulling')];
    const bytes = fillers.reduce((n, f) => n + fillUp(f), 0);
    await expectRefused('schijf vol', `${tag}-0-1`);
    for (const filler of fillers) {
      rmSync(filler, { force: true });
      rmSync(`${filler}-rest`, { force: true });
    }
    // The same key again: the refused attempt wrote nothing, so now it is stored.
    await expectWrite('na schijf vol', `${tag}-0-1`);
    figures.push(['schijf vol opgeheven', `${Math.round(bytes / 1024)} kB vulling verwijderd; hetzelfde verzoek opnieuw → opgeslagen`]);
    // Read-only repository: acknowledged from the outbox, committed once it is writable again.
    await inHeadAfter(2);
    sh('mount', ['-o', 'remount,ro', dir]);
    let headDuring = -1;
    try {
      await expectWrite('alleen-lezen (de outbox neemt het aan)', `${tag}-0-2`);
      await new Promise((r) => setTimeout(r, 500));
      headDuring = (await countAtRef(dir, 'HEAD', tag)).files - headFilesBefore;
      const [page, feed] = await reads();
      figures.push(['alleen-lezen', `schrijven → 201 uit de outbox; na 0,5 s ${headDuring} van 3 in HEAD; lezen (/, /api/feed) → ${page}, ${feed}`]);
      if (page !== 200 || feed !== 200) problems.push(`alleen-lezen: lezen werkt niet (/ → ${page}, /api/feed → ${feed})`);
      if (headDuring !== 2) problems.push(`alleen-lezen: ${headDuring} berichten in HEAD terwijl de repository alleen-lezen was, verwacht 2`);
    } finally {
      sh('mount', ['-o', 'remount,rw', dir]);
    }
    const writable = performance.now();
    await inHeadAfter(3);
    const head = await countAtRef(dir, 'HEAD', tag);
    figures.push(['weer schrijfbaar', `het wachtende bericht stond ${Math.round(performance.now() - writable)} ms later in HEAD`]);
    const inHead = [...head.counts.values()].reduce((a, b) => a + b, 0);
    if (inHead !== 3 || head.files - headFilesBefore !== 3) problems.push(`${inHead} berichten in HEAD (${head.files - headFilesBefore} nieuwe bestanden), verwacht 3`);
    const status = sh('git', ['status', '--porcelain', '--', 'content'], dir).trim();
    if (status) problems.push(`achtergebleven wijzigingen in de werkboom: ${status.split('\n').slice(0, 3).join('; ')}`);
    const fsckOut = await fsck(dir);
    if (fsckOut) problems.push(`git fsck --strict: ${fsckOut.split('\n')[0]}`);
    figures.push(['opgeslagen', `${inHead} van ${stored} geaccepteerde berichten in HEAD, werkboom ${status ? 'NIET schoon' : 'schoon'}; git fsck --strict ${fsckOut ? 'FOUTEN' : 'schoon'}`]);
    return { figures, problems };
  } finally {
    if (server) await killGroup(server.child);
    for (const d of [dir, stateDir]) {
      try {
        sh('umount', [d]);
      } catch {
        sh('umount', ['-l', d]);
      }
      rmSync(d, { recursive: true, force: true });
    }
    unregister();
  }
}
