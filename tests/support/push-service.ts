// A loopback push service for tests (issue 14): speaks RFC 8030 over HTTPS with a throwaway self-signed certificate
// (web-push only speaks HTTPS; hand `agent` to it), checks the VAPID JWT with jose (RFC 8292: ES256, aud = this
// origin, exp within 24 h, the `k` key), and DECRYPTS each message with the subscription's private key and auth
// secret (RFC 8291 with RFC 8188 aes128gcm), so a test sees exactly what a browser would. Per subscription it can
// answer another status (410 gone, 500 …).
import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { selfSignedCertificate } from '../../scripts/lib/self-signed-certificate.ts';

/** One message as the browser would have it. */
export interface ReceivedPush {
  id: string;
  /** The decrypted payload, as text. */
  text: string;
  ttl: number;
  urgency: string | null;
  /** The VAPID JWT's claims, verified. */
  claims: { aud: string; exp: number; sub: string };
  /** The VAPID public key the message was signed with (the `k` of the Authorization header). */
  vapidKey: string;
}

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** RFC 8291 + RFC 8188: the plaintext of an aes128gcm body for the subscription (private key, auth secret). */
export function decryptAes128gcm(body: Buffer, privateKey: Buffer, publicKey: Buffer, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idLength = body[20];
  const senderKey = body.subarray(21, 21 + idLength);
  const records = body.subarray(21 + idLength);
  if (idLength !== 65 || rs < 18) throw new Error('kop van het bericht klopt niet');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(privateKey);
  const shared = ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), publicKey, senderKey]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  if (records.length > rs) throw new Error('meer dan één record');
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(records.subarray(records.length - 16));
  const plain = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 and optional zero padding.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (plain[end] !== 2) throw new Error('geen einde-markering (0x02)');
  return plain.subarray(0, end).toString('utf8');
}

/** Verifies `Authorization: vapid t=<jwt>, k=<key>`; gives the claims and the key. */
async function verifyVapid(header: string | undefined, origin: string): Promise<{ claims: ReceivedPush['claims']; key: string }> {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) throw new Error('geen VAPID-kop');
  const [, token, key] = m;
  const raw = Buffer.from(key, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4) throw new Error('k is geen P-256-sleutel');
  if (decodeProtectedHeader(token).alg !== 'ES256') throw new Error('alg is niet ES256');
  const jwk = { kty: 'EC', crv: 'P-256', x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33)) };
  const { payload } = await jwtVerify(token, await importJWK(jwk, 'ES256'), { audience: origin, algorithms: ['ES256'] });
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== 'number' || payload.exp > now + 24 * 3600) throw new Error('exp ontbreekt of ligt verder dan 24 uur');
  if (typeof payload.sub !== 'string' || !/^(mailto:|https:)/.test(payload.sub)) throw new Error('sub is geen mailto: of https:');
  return { claims: { aud: String(payload.aud), exp: payload.exp, sub: payload.sub }, key };
}

/** Starts the stand-in on a free loopback port. */
export async function startPushService() {
  const { key, cert } = selfSignedCertificate();
  const subscriptions = new Map<string, { privateKey: Buffer; publicKey: Buffer; auth: Buffer; status: number }>();
  const received: ReceivedPush[] = [];
  const refused: { id: string; reason: string }[] = [];
  let origin = '';

  const server: Server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const id = /^\/push\/([\w-]+)$/.exec(req.url ?? '')?.[1] ?? '';
      const sub = subscriptions.get(id);
      const answer = (status: number, reason?: string) => {
        if (reason) refused.push({ id, reason });
        res.writeHead(status).end();
      };
      if (req.method !== 'POST' || !sub) return answer(404, 'onbekend abonnement');
      if (sub.status !== 201) return answer(sub.status);
      try {
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('Content-Encoding is niet aes128gcm');
        const ttl = Number(req.headers.ttl);
        if (!Number.isInteger(ttl) || ttl < 0) throw new Error('TTL ontbreekt');
        const vapid = await verifyVapid(req.headers.authorization, origin);
        const text = decryptAes128gcm(Buffer.concat(chunks), sub.privateKey, sub.publicKey, sub.auth);
        received.push({ id, text, ttl, urgency: (req.headers.urgency as string | undefined) ?? null, claims: vapid.claims, vapidKey: vapid.key });
        res.writeHead(201, { Location: `${origin}/bericht/${received.length}` }).end();
      } catch (err) {
        answer(400, (err as Error).message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    /** The host:port to allow (PLEIN_PUSH_HOSTS). */
    host: origin.slice('https://'.length),
    /** The certificate (PEM), e.g. for NODE_EXTRA_CA_CERTS of a child process. */
    cert,
    /** An agent that trusts this service's certificate (and nothing else). */
    agent: new Agent({ ca: cert }),
    received,
    refused,
    /** A new browser subscription at this service, as PushSubscription.toJSON() gives it. */
    subscribe(id = randomBytes(6).toString('hex')) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      subscriptions.set(id, { privateKey: ecdh.getPrivateKey(), publicKey: ecdh.getPublicKey(), auth, status: 201 });
      return { endpoint: `${origin}/push/${id}`, expirationTime: null, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) } };
    },
    /** Makes the service answer `status` for a subscription (410: gone; 500: down); 201 again to deliver. */
    answer(id: string, status: number) {
      subscriptions.get(id)!.status = status;
    },
    messagesFor: (id: string) => received.filter((r) => r.id === id).map((r) => JSON.parse(r.text) as Record<string, string>),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
