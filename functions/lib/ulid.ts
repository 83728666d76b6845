// ULIDs for posts and comments: sortable by time, unguessable, safe as file names.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
let lastTime = 0;
let lastRandom: number[] = [];

/** A new lowercase ULID; monotonic within one process even inside the same millisecond. */
export function createUlid(now = Date.now()): string {
  let random: number[];
  if (now <= lastTime) {
    now = lastTime;
    random = [...lastRandom];
    for (let i = random.length - 1; i >= 0; i--) {
      if (random[i] < 31) { random[i]++; break; }
      random[i] = 0;
    }
  } else {
    random = Array.from(randomBytes(16), (b) => b & 31);
  }
  lastTime = now;
  lastRandom = random;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + random.map((n) => ALPHABET[n]).join('');
}

/** Whether a string is a lowercase ULID. */
export function isUlid(value: string): boolean {
  return /^[0-7][0-9a-hjkmnp-tv-z]{25}$/.test(value);
}

/** The moment encoded in a ULID. */
export function getUlidTime(id: string): Date {
  let t = 0;
  for (const ch of id.slice(0, 10)) t = t * 32 + ALPHABET.indexOf(ch);
  return new Date(t);
}
