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

/** The p-th percentile (0–100) of a list of milliseconds, rounded; 0 for an empty list. */
export function percentile(list: number[], p: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]) : 0;
}
