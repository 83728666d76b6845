// `npm run digest [-- --now] [-- --json]`: the mail jobs once, for a cron job or CI (Cloudflare Pages has no SMTP and
// no long-lived scheduler): queues the immediate mails that are due, the digest when it is due (daily 07:00, weekly
// Monday 07:00, Europe/Amsterdam; `--now` also before 07:00 — still once per colleague and period), and sends what is
// due. Reads the state store like the server (PLEIN_DATABASE_URL, or SQLite in PLEIN_STATE_DIR), the colleagues and
// content from PLEIN_CONTENT_DIR (default content/), SMTP from PLEIN_SMTP_URL and PLEIN_MAIL_FROM. Prints counts only:
// never an address, a mail's content or a secret.
import { resolve } from 'node:path';
import { loadPeopleDirectory } from '../functions/auth/people-directory.ts';
import type { PleinEnv } from '../functions/env.ts';
import { openServerState } from '../functions/hosts/node/plein-server.ts';
import { loadDigestContent } from '../functions/notifications/digest-content.ts';
import { runDigest } from '../functions/notifications/digest.ts';
import { createMailSender, planMails } from '../functions/notifications/mail-jobs.ts';
import { createSmtpTransport, readMailConfig } from '../functions/notifications/mail-worker.ts';

const args = process.argv.slice(2);
const env = process.env as PleinEnv;
const config = readMailConfig(env);
if ('off' in config) {
  console.log(config.off);
  process.exit(0);
}
const root = resolve(import.meta.dirname, '..');
const contentDir = resolve(root, env.PLEIN_CONTENT_DIR || 'content');
const people = loadPeopleDirectory(contentDir);
const state = await openServerState(env, root);
const transport = createSmtpTransport(config.url);
try {
  const deps = { mailQueue: state.mailQueue, notifications: state.notifications, people, siteUrl: config.siteUrl, key: config.key };
  const sender = createMailSender({ mailQueue: state.mailQueue, people, transport, from: config.from });
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
  const result = { directQueued: direct.queued, directWaiting: direct.waiting, digestQueued: digest.queued, digestAlready: digest.already, digestEmpty: digest.empty, periods: digest.periods, sent, failed };
  console.log(args.includes('--json') ? JSON.stringify(result) : `E-mail: ${sent} verstuurd, ${failed} mislukt (blijven bewaard voor een volgende poging); overzichten: ${digest.queued} nieuw, ${digest.already} al eerder (${digest.periods.join(', ') || 'niet aan de beurt'}).`);
  if (failed && !sent) process.exitCode = 2;
} finally {
  transport.close();
  await state.close();
}
