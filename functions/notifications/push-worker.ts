// Web push on the Node server (issue 14): with VAPID keys (PLEIN_VAPID_PUBLIC_KEY, PLEIN_VAPID_PRIVATE_KEY;
// `npm run vapid`) one server at a time (the state store's lock "push") sends the notifications colleagues chose push
// for, through web-push (RFC 8030 delivery, RFC 8291 aes128gcm encryption, RFC 8292 VAPID). Without keys push is off
// (said once at start, no error). Never logs an endpoint, a key or a message.
import { randomUUID } from 'node:crypto';
import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { PeopleLookup } from '../content/people.ts';
import type { PleinEnv } from '../env.ts';
import type { StateStore } from '../state/store.ts';
import { startLockedLoop } from './locked-loop.ts';
import { readPushConfig, type PushConfig } from './push-config.ts';
import { createPushSender, type PushSend } from './push-jobs.ts';

/** A sender through web-push with these keys (`agent`: e.g. one that trusts a test push service's certificate). */
export function webPushSend(config: PushConfig, agent?: Agent): PushSend {
  const vapidDetails = { subject: config.subject, publicKey: config.publicKey, privateKey: config.privateKey };
  return async (sub, payload, options) => {
    const result = await webpush.sendNotification({ endpoint: sub.endpoint, keys: sub.keys }, payload, {
      vapidDetails, TTL: options.ttlSeconds, urgency: options.urgency, contentEncoding: 'aes128gcm', timeout: 10_000, ...(agent ? { agent } : {}),
    });
    return { statusCode: result.statusCode };
  };
}

export interface PushWorkerOptions {
  people: PeopleLookup;
  env: PleinEnv;
  periodMs?: number;
  log?: (m: string) => void;
  warn?: (m: string) => void;
  /** An HTTPS agent for the push services (tests: one that trusts the loopback stand-in's certificate). */
  agent?: Agent;
  now?: () => number;
}

/** Starts the push job; gives a function that stops it (and releases the lock). Without VAPID keys: a no-op. */
export function startPush(state: StateStore, options: PushWorkerOptions): () => Promise<void> {
  const log = options.log ?? ((m: string) => console.log(m));
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const config = readPushConfig(options.env);
  if ('off' in config) {
    log(config.off);
    return async () => {};
  }
  const sender = createPushSender({ pushSubscriptions: state.pushSubscriptions, notifications: state.notifications, people: options.people, send: webPushSend(config, options.agent), now: options.now });
  const lock = state.flushLock('push', `push-${randomUUID()}`);
  let failing = false;
  log('Plein: push staat aan (web push met VAPID).');
  return startLockedLoop(lock, async () => {
    const { sent, failed } = await sender.runOnce();
    if (failed && !sent && !failing) warn('Plein: push versturen lukt nu niet (pushdienst onbereikbaar); wordt later opnieuw geprobeerd.');
    failing = failed > 0 && sent === 0 ? true : sent > 0 ? false : failing;
  }, {
    periodMs: options.periodMs ?? 2000,
    onFailure: (err) => warn(`Plein: push voorbereiden mislukt, wordt opnieuw geprobeerd (${err.name}).`),
  });
}
