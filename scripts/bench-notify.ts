// `npm run bench:notify [-- --json]`: the notification benchmark of issue 14 on a temporary SQLite state store.
//   fanoutMs              a post in a group followed by 5,000 colleagues (group_members rows), from the outbox commit
//                         to all 5,000 notifications stored (createFanout; goal < 1,000 ms)
//   digestColleagues      15,000 colleagues with the weekly digest
//   digestSeconds         runDigest for all of them: rendering, queueing and sending to a loopback SMTP server
//   digestMailsPerSecond  delivered / digestSeconds (goal ≥ 100)
//   delivered, expected   mails the SMTP server received and should have (equal)
//   postP95Ms             posting latency (p95) on the whole Node server while the fan-out runs: posts arrive at
//                         postRate per second (default 5, `--rate N`; open loop, by 20 colleagues) into Koffietijd for
//                         20 s; it has 300 members, so each post notifies 300 (1,500 notifications/s, many times an
//                         intranet's peak); postP95MsFanoutOff is the same run without the fan-out, postFanoutRatio the
//                         one over the other (goal ≤ 1.10); postNotifications what the fan-out wrote for them
// `--no-posting` leaves the posting runs out (they need a build in dist/: npm run build).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { createContentPaths } from '../functions/content/paths.ts';
import type { PeopleLookup, PersonSummary } from '../functions/content/people.ts';
import { createUlid } from '../functions/lib/ulid.ts';
import type { DigestContent } from '../functions/notifications/digest-content.ts';
import { runDigest } from '../functions/notifications/digest.ts';
import { createFanout } from '../functions/notifications/fanout.ts';
import { createMailSender } from '../functions/notifications/mail-jobs.ts';
import { createSmtpTransport } from '../functions/notifications/mail-worker.ts';
import { mailKey } from '../functions/notifications/mail-token.ts';
import { openStateStore } from '../functions/state/open.ts';
import { startPleinServer, tempRepoDir } from '../functions/hosts/node/plein-server.ts';
import { loginDemo, percentile, postBench } from './lib/bench-client.ts';

const json = process.argv.includes('--json');
const FOLLOWERS = 5_000;
const COLLEAGUES = 15_000;
const dirs: string[] = [];
const tempState = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plein-bench-notify-'));
  dirs.push(dir);
  return openStateStore({ PLEIN_STATE_DIR: dir });
};
const lookup = (list: PersonSummary[]): PeopleLookup => {
  const byId = new Map(list.map((p) => [p.id, p]));
  const ids = new Set(byId.keys());
  return { byId: (id) => byId.get(id), ids: () => ids };
};
const person = (i: number): PersonSummary => ({ id: `collega-${i}`, name: `Collega ${i}`, email: `collega-${i}@wadvoort.test`, department: 'hr', editor: false });

// 1. Fan-out: a post in a group with 5,000 members.
async function fanout(): Promise<number> {
  const state = await tempState();
  try {
    const now = Date.now();
    const members = Array.from({ length: FOLLOWERS }, (_, i) => ({ group_id: 'koffietijd', person: `collega-${i}`, status: 'lid', created_at: now - 60_000, decided_by: null }));
    for (let i = 0; i < members.length; i += 500) await state.db.insertInto('group_members').values(members.slice(i, i + 500)).execute();
    const paths = createContentPaths();
    const files = new Map([['content/groepen/koffietijd.md', '---\nname: Koffietijd\ndescription: Koffie.\n---\n']]);
    const run = createFanout({ notifications: state.notifications, privateGroups: state.privateGroups, store: { read: async (p) => files.get(p) }, people: lookup([person(FOLLOWERS)]), paths });
    await run.runOnce(); // the first run sets the cursors
    const id = createUlid(now);
    const path = paths.post(id);
    const content = `---\nauthor: collega-${FOLLOWERS}\ngroup: koffietijd\ncreated: ${new Date(now).toISOString()}\n---\nWie lust er taart?\n`;
    files.set(path, content);
    const [entry] = await state.outbox.append([{ writes: [{ path, content }], message: 'bericht', author: { name: 'x', email: 'x@x' } }]);
    await state.outbox.markCommitted([entry.id], 'sha-1');
    const t0 = performance.now();
    await run.runOnce();
    const ms = performance.now() - t0;
    const stored = await state.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(stored.n) !== FOLLOWERS) throw new Error(`fan-out schreef ${stored.n} meldingen, niet ${FOLLOWERS}`);
    return Math.round(ms);
  } finally {
    await state.close();
  }
}

// 2. The digest for 15,000 colleagues, sent to a loopback SMTP server.
async function digest() {
  let delivered = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, closeTimeout: 200,
    onData(stream, _session, done) {
      stream.on('data', () => {});
      stream.on('end', () => { delivered++; done(); });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  const state = await tempState();
  const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
  try {
    const people = lookup(Array.from({ length: COLLEAGUES }, (_, i) => person(i)));
    const now = Date.now();
    const content: DigestContent = {
      news: [{ id: 'fietsplan', title: 'Nieuw fietsplan', summary: 'Vanaf januari een fiets van de zaak.', at: now - 3_600_000 }],
      posts: [],
      events: [{ id: 'bhv', title: 'BHV-training', location: 'Stadhuis', start: now + 86_400_000, audience: 'iedereen' }],
      groupNames: new Map(),
    };
    const sender = createMailSender({ mailQueue: state.mailQueue, people, transport, from: 'Plein <plein@wadvoort.test>', concurrency: 50 });
    const send = async () => {
      for (;;) if (!(await sender.runOnce(2000)).sent) return;
    };
    const t0 = performance.now();
    const result = await runDigest({ mailQueue: state.mailQueue, notifications: state.notifications, people, siteUrl: 'https://intranet.wadvoort.test', key: mailKey({ PLEIN_MAIL_SECRET: 'bench-geheim-0123456789abcdef-0123456789' }), content: () => content, force: true, send });
    const seconds = (performance.now() - t0) / 1000;
    return { digestColleagues: COLLEAGUES, digestSeconds: Number(seconds.toFixed(2)), digestMailsPerSecond: Math.round(delivered / seconds), delivered, expected: result.queued };
  } finally {
    transport.close();
    await state.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

// 3. Posting latency on the whole server, with and without the fan-out (closed loop: each client waits for its answer).
const POSTERS = 20;
const POST_SECONDS = 20;
const rateArg = process.argv.includes('--rate') ? Number(process.argv[process.argv.indexOf('--rate') + 1]) : NaN;
const POST_RATE = rateArg > 0 ? rateArg : 5;
const GROUP_MEMBERS = 300;
async function posting(withFanout: boolean): Promise<{ p95: number; p50: number; accepted: number; notifications: number }> {
  const root = resolve(import.meta.dirname, '..');
  const repo = tempRepoDir(`bench-notify-${withFanout ? 'aan' : 'uit'}`);
  dirs.push(repo);
  execFileSync('git', ['clone', '--quiet', root, repo]);
  const people = readdirSync(join(repo, 'content/collegas')).map((f) => f.replace(/\.yml$/, ''));
  const stateDir = mkdtempSync(join(tmpdir(), 'plein-bench-notify-state-'));
  dirs.push(stateDir);
  const env = { PLEIN_SITE_URL: 'http://127.0.0.1', PLEIN_STATE_DIR: stateDir, PLEIN_LIMIT_POSTS_PER_MINUTE: '0', PLEIN_LIMIT_POSTS_PER_DAY: '0' };
  const { server, state, store, stopJobs } = await startPleinServer({ repoDir: repo, distDir: resolve(root, 'dist'), port: 0, rebuild: false, fanout: withFanout, env });
  try {
    const now = Date.now() - 60_000;
    const members = [...people, ...Array.from({ length: GROUP_MEMBERS - people.length }, (_, i) => `lid-${i}`)].map((person) => ({ group_id: 'koffietijd', person, status: 'lid', created_at: now, decided_by: null }));
    for (let i = 0; i < members.length; i += 100) await state.db.insertInto('group_members').values(members.slice(i, i + 100)).execute();
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const latencies: number[] = [];
    let accepted = 0;
    // Open loop: a post every 1/POST_RATE s whatever the answers do, each by the next of POSTERS logged-in colleagues.
    const cookies = await Promise.all(Array.from({ length: POSTERS }, (_, n) => loginDemo(base, people[n % people.length])));
    const inFlight: Promise<void>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < POST_RATE * POST_SECONDS; i++) {
      const wait = t0 + (i * 1000) / POST_RATE - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(postBench(base, cookies[i % POSTERS], `notify-${withFanout ? 'a' : 'u'}-${i}`, 'koffietijd').then((r) => {
        latencies.push(r.ms);
        if (r.id) accepted++;
      }));
    }
    await Promise.all(inFlight);
    // Until the fan-out caught up (at most 30 s more), so the count below is what it wrote for these posts.
    for (let waited = 0; withFanout && waited < 30_000; waited += 250) {
      const pendingAt = await state.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '!=', 'committed').executeTakeFirstOrThrow();
      const cursor = await state.notifications.cursor('meldingen');
      const last = await state.db.selectFrom('outbox').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
      if (Number(pendingAt.n) === 0 && cursor && cursor.seq >= Number(last?.seq ?? 0)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const written = await state.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { p95: percentile(latencies, 95), p50: percentile(latencies, 50), accepted, notifications: Number(written.n) };
  } finally {
    // The outbox drains into git before the repository goes.
    await (store as { flush?: () => Promise<void> }).flush?.();
    await new Promise<void>((r) => server.close(() => r()));
    await stopJobs();
    await (store as { close?: () => Promise<void> }).close?.();
    await state.close();
  }
}

try {
  const fanoutMs = await fanout();
  const d = await digest();
  let post: { postP95Ms?: number; postP95MsFanoutOff?: number; [k: string]: number | undefined } = {};
  if (!process.argv.includes('--no-posting')) {
    if (!existsSync(resolve(import.meta.dirname, '..', 'dist', 'index.html'))) throw new Error('Geen gebouwde site in dist/: draai eerst npm run build (of geef --no-posting).');
    const off = await posting(false);
    const on = await posting(true);
    post = { postRate: POST_RATE, postP95Ms: on.p95, postP50Ms: on.p50, postP95MsFanoutOff: off.p95, postFanoutRatio: Number((on.p95 / Math.max(1, off.p95)).toFixed(2)), postsAccepted: on.accepted, postsAcceptedFanoutOff: off.accepted, postNotifications: on.notifications };
  }
  const result = { fanoutMs, ...d, ...post };
  console.log(json ? JSON.stringify(result) : `Fan-out naar ${FOLLOWERS} volgers: ${fanoutMs} ms; overzicht voor ${d.digestColleagues} collega's: ${d.digestSeconds} s, ${d.digestMailsPerSecond} mails/s, ${d.delivered}/${d.expected} afgeleverd.${post.postP95Ms !== undefined ? ` Plaatsen: p95 ${post.postP95Ms} ms met fan-out, ${post.postP95MsFanoutOff} ms zonder.` : ''}`);
  if (d.delivered !== d.expected) process.exitCode = 1;
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
