// `npm run bench:notify [-- --json]`: the notification benchmark of issue 14 on a temporary SQLite state store.
//   fanoutMs              a post in a group followed by 5,000 colleagues (group_members rows), from the outbox commit
//                         to all 5,000 notifications stored (createFanout; goal < 1,000 ms)
//   digestColleagues      15,000 colleagues with the weekly digest
//   digestSeconds         runDigest for all of them: rendering, queueing and sending to a loopback SMTP server
//   digestMailsPerSecond  delivered / digestSeconds (goal ≥ 100)
//   delivered, expected   mails the SMTP server received and should have (equal)
// postP95Ms (posting latency while fan-out runs) is not measured here: that needs the whole server under load.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      events: [{ id: 'bhv', title: 'BHV-training', location: 'Stadhuis', start: now + 86_400_000 }],
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

try {
  const fanoutMs = await fanout();
  const d = await digest();
  const result = { fanoutMs, ...d };
  console.log(json ? JSON.stringify(result) : `Fan-out naar ${FOLLOWERS} volgers: ${fanoutMs} ms; overzicht voor ${d.digestColleagues} collega's: ${d.digestSeconds} s, ${d.digestMailsPerSecond} mails/s, ${d.delivered}/${d.expected} afgeleverd.`);
  if (d.delivered !== d.expected) process.exitCode = 1;
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
