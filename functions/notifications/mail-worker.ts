// E-mail on the Node server (issue 14): SMTP through nodemailer from PLEIN_SMTP_URL (smtp://… or smtps://…) and
// PLEIN_MAIL_FROM; without them mail is off (said once at start, no error). One server at a time (the state store's
// lock "mail") plans the immediate mails, sends what is due and, once an hour, checks whether a digest is due
// (daily 07:00, weekly Monday 07:00, Europe/Amsterdam). Never logs an address, a mail's content or the secret.
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { PeopleLookup } from '../content/people.ts';
import type { PleinEnv } from '../env.ts';
import type { StateStore } from '../state/store.ts';
import { loadDigestContent } from './digest-content.ts';
import { runDigest } from './digest.ts';
import { startLockedLoop } from './locked-loop.ts';
import { createMailSender, planMails, type MailTransport } from './mail-jobs.ts';
import { DEFAULT_SITE_URL } from './mail-render.ts';
import { hasMailSecret, mailKey } from './mail-token.ts';

const HOUR = 60 * 60 * 1000;

/** The mail settings from the environment, or why mail is off. */
export function readMailConfig(env: PleinEnv): { url: string; from: string; siteUrl: string; key: Uint8Array; secret: boolean } | { off: string } {
  const url = env.PLEIN_SMTP_URL?.trim();
  const from = env.PLEIN_MAIL_FROM?.trim();
  if (!url || !from) return { off: 'Plein: e-mail staat uit (PLEIN_SMTP_URL en PLEIN_MAIL_FROM zijn niet allebei ingesteld); meldingen blijven in Plein zelf.' };
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') return { off: 'Plein: e-mail staat uit: PLEIN_SMTP_URL moet met smtp:// of smtps:// beginnen.' };
  return { url, from, siteUrl: env.PLEIN_SITE_URL?.trim() || DEFAULT_SITE_URL, key: mailKey(env), secret: hasMailSecret(env) };
}

/** A pooled SMTP transport for the URL (its credentials stay inside nodemailer). */
export function createSmtpTransport(url: string): MailTransport & { close(): void } {
  return nodemailer.createTransport({ url, pool: true, maxConnections: 5, maxMessages: 1000 } as never) as unknown as MailTransport & { close(): void };
}

export interface MailWorkerOptions {
  people: PeopleLookup;
  /** The content folder on disk (for the digest). */
  contentDir: string;
  env: PleinEnv;
  periodMs?: number;
  log?: (m: string) => void;
  warn?: (m: string) => void;
  /** A transport instead of SMTP (tests). */
  transport?: MailTransport;
  now?: () => number;
}

/** Starts the mail jobs; gives a function that stops them (and releases the lock). With mail off: a no-op. */
export function startMail(state: StateStore, options: MailWorkerOptions): () => Promise<void> {
  const log = options.log ?? ((m: string) => console.log(m));
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const config = readMailConfig(options.env);
  if ('off' in config) {
    log(config.off);
    return async () => {};
  }
  if (!config.secret) warn('Plein: PLEIN_MAIL_SECRET (of PLEIN_SESSION_SECRET) ontbreekt; afmeldlinks in e-mails werken dan alleen tot de server herstart.');
  const transport = options.transport ?? createSmtpTransport(config.url);
  const now = options.now ?? Date.now;
  const deps = { mailQueue: state.mailQueue, notifications: state.notifications, people: options.people, siteUrl: config.siteUrl, key: config.key, now };
  const sender = createMailSender({ mailQueue: state.mailQueue, people: options.people, transport, from: config.from, now });
  const lock = state.flushLock('mail', `mail-${randomUUID()}`);
  let nextDigestCheck = 0;
  let sendFailures = 0;
  log('Plein: e-mail staat aan (SMTP).');
  return startLockedLoop(lock, async () => {
    await planMails(deps);
    if (now() >= nextDigestCheck) {
      nextDigestCheck = now() + HOUR;
      await runDigest({ ...deps, content: (since) => loadDigestContent(options.contentDir, since) });
      await state.mailQueue.prune(now() - 30 * 24 * HOUR);
    }
    const { failed, sent } = await sender.runOnce();
    if (failed && !sent && sendFailures++ === 0) warn('Plein: e-mail versturen lukt nu niet (SMTP); de mails blijven bewaard en worden later opnieuw geprobeerd.');
    if (sent) sendFailures = 0;
  }, {
    periodMs: options.periodMs ?? 5000,
    onFailure: (err) => warn(`Plein: e-mail voorbereiden mislukt, wordt opnieuw geprobeerd (${err.name}).`),
    onStop: () => (transport as { close?: () => void }).close?.(),
  });
}
