// `npm run digest [-- --now] [-- --json]`: the mail and push jobs once, for a cron job or CI (Cloudflare Pages has no
// SMTP and no long-lived scheduler). Mail (PLEIN_SMTP_URL and PLEIN_MAIL_FROM): queues the immediate mails that are
// due, the digest when it is due (daily 07:00, weekly Monday 07:00, Europe/Amsterdam; `--now` also before 07:00 — still
// once per colleague and period), and sends what is due. Push (PLEIN_VAPID_PUBLIC_KEY and PLEIN_VAPID_PRIVATE_KEY):
// sends the pushes that wait. Reads the state store like the server (PLEIN_DATABASE_URL, or SQLite in
// PLEIN_STATE_DIR), the colleagues and content from PLEIN_CONTENT_DIR (default content/). Prints counts only: never an
// address, a mail's or push's content or a secret.
import { resolve } from 'node:path';
import { loadPeopleDirectory } from '../functions/auth/people-directory.ts';
import type { PleinEnv } from '../functions/env.ts';
import { openServerState } from '../functions/hosts/node/plein-server.ts';
import { loadDigestContent } from '../functions/notifications/digest-content.ts';
import { runDigest } from '../functions/notifications/digest.ts';
import { createMailSender, planMails } from '../functions/notifications/mail-jobs.ts';
import { createSmtpTransport, readMailConfig } from '../functions/notifications/mail-worker.ts';
import { readPushConfig } from '../functions/notifications/push-config.ts';
import { createPushSender } from '../functions/notifications/push-jobs.ts';
import { webPushSend } from '../functions/notifications/push-worker.ts';
import type { StateStore } from '../functions/state/store.ts';
import type { PeopleLookup } from '../functions/content/people.ts';
import { contentDirFromEnv } from '../src/lib/content-dir.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const env = process.env as PleinEnv;
const mailConfig = readMailConfig(env);
const pushConfig = readPushConfig(env);
if ('off' in mailConfig && 'off' in pushConfig) {
  console.log(`${mailConfig.off}\n${pushConfig.off}`);
  process.exit(0);
}
const root = resolve(import.meta.dirname, '..');
const contentDir = resolve(root, contentDirFromEnv(env));
const people = loadPeopleDirectory(contentDir);
const state = await openServerState(env, root);

async function mail(state: StateStore, people: PeopleLookup) {
  if ('off' in mailConfig) return { text: mailConfig.off, counts: {}, failedOnly: false };
  const transport = createSmtpTransport(mailConfig.url);
  try {
    const deps = { mailQueue: state.mailQueue, notifications: state.notifications, people, siteUrl: mailConfig.siteUrl, key: mailConfig.key };
    const sender = createMailSender({ mailQueue: state.mailQueue, people, transport, from: mailConfig.from });
    let sent = 0;
    let failed = 0;
    const send = async () => {
      for (;;) {
        const r = await sender.runOnce(1000);
        sent += r.sent;
        failed += r.failed;
        if (r.sent + r.failed < 1000 || !r.sent) return;
      }
    };
    const direct = await planMails(deps);
    const digest = await runDigest({ ...deps, force: args.includes('--now'), content: (since) => loadDigestContent(contentDir, since), send });
    return {
      counts: { directQueued: direct.queued, directWaiting: direct.waiting, digestQueued: digest.queued, digestAlready: digest.already, digestEmpty: digest.empty, periods: digest.periods, sent, failed },
      text: `E-mail: ${sent} verstuurd, ${failed} mislukt (blijven bewaard voor een volgende poging); overzichten: ${digest.queued} nieuw, ${digest.already} al eerder (${digest.periods.join(', ') || 'niet aan de beurt'}).`,
      failedOnly: failed > 0 && !sent,
    };
  } finally {
    transport.close();
  }
}

async function push(state: StateStore, people: PeopleLookup) {
  if ('off' in pushConfig) return { text: pushConfig.off, counts: {}, failedOnly: false };
  const sender = createPushSender({ pushSubscriptions: state.pushSubscriptions, notifications: state.notifications, people, send: webPushSend(pushConfig) });
  const r = await sender.runOnce();
  return {
    counts: { pushSent: r.sent, pushFailed: r.failed, pushDropped: r.dropped, pushWaiting: r.waiting, pushSkipped: r.skipped },
    text: `Push: ${r.sent} verstuurd, ${r.failed} mislukt (later opnieuw), ${r.waiting} wachten (stille uren), ${r.dropped} verlopen abonnementen verwijderd.`,
    failedOnly: r.failed > 0 && !r.sent,
  };
}

try {
  const m = await mail(state, people);
  const p = await push(state, people);
  console.log(json ? JSON.stringify({ ...m.counts, ...p.counts }) : `${m.text}\n${p.text}`);
  if (m.failedOnly || p.failedOnly) process.exitCode = 2;
} finally {
  await state.close();
}
