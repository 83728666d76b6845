// Shared pieces of the load benchmarks: logging a poster in and summarising latencies.

/** Logs a colleague in through the demo login and returns the session cookie ("name=value"). */
export async function loginDemo(base: string, personId: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/demo`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ persoon: personId, terug: '/' }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`demo-login mislukt (${res.status})`);
  return cookie;
}

/** Posts one load-test message with an Idempotency-Key (in `group`, if given); gives the status, the milliseconds and the post id (on 2xx). */
export async function postBench(base: string, cookie: string, key: string, group?: string): Promise<{ status: number; ms: number; id?: string }> {
  const started = performance.now();
  const res = await fetch(`${base}/api/berichten`, {
    method: 'POST',
    headers: { cookie, origin: base, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ tekst: `Belastingtest ${key}: koffie staat klaar.`, ...(group ? { groep: group } : {}) }),
  });
  const ms = performance.now() - started;
  if (!res.ok) {
    await res.body?.cancel();
    return { status: res.status, ms };
  }
  return { status: res.status, ms, id: ((await res.json()) as { bericht: { id: string } }).bericht.id };
}

/** The p-th percentile (0–100) of a list of milliseconds, rounded; 0 for an empty list. */
export function percentile(list: number[], p: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]) : 0;
}
