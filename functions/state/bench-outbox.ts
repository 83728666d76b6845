// By hand, not a test: `node functions/state/bench-outbox.ts [appenders] [seconds]` — SQLite outbox
// acknowledgements per second with concurrent appenders, synchronous=FULL (each acknowledged append is fsynced;
// group commit is what makes many of them cheap).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStateStore } from './open.ts';

const appenders = Number(process.argv[2] ?? 50);
const seconds = Number(process.argv[3] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'plein-bench-outbox-'));
const store = await openStateStore({ PLEIN_STATE_DIR: dir });
const author = { name: 'Anouk de Vries', email: 'anouk.devries@wadvoort.nl' };
const body = 'Een bericht op de tijdlijn, ongeveer zo lang als een gewoon bericht van een collega. '.repeat(4);
const latencies: number[] = [];
const until = performance.now() + seconds * 1000;
let n = 0;

async function appender() {
  while (performance.now() < until) {
    const start = performance.now();
    const i = n++;
    await store.outbox.append([{ writes: [{ path: `content/berichten/2026/11/${i}.md`, content: `---\ntitle: ${i}\n---\n${body}\n` }], message: `bericht ${i}`, author }]);
    latencies.push(performance.now() - start);
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: appenders }, appender));
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const stored = (await store.outbox.pending(1_000_000)).length;
console.log(JSON.stringify({ appenders, seconds: Number(elapsed.toFixed(2)), acknowledged: latencies.length, stored, appendsPerSecond: Math.round(latencies.length / elapsed), p50Ms: Number(latencies[Math.floor(latencies.length / 2)].toFixed(2)), p95Ms: Number(latencies[Math.floor(latencies.length * 0.95)].toFixed(2)) }));
await store.close();
rmSync(dir, { recursive: true, force: true });
