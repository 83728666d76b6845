// How often the live feed asks the server: the server may ask for less (Pages spends GitHub requests per poll).

/** The wait before the next feed poll: what the server asks for (`Plein-Poll-Seconds`, 1–60 s), else the default. */
export function getPollDelay(header: string | null, fallbackMs: number): number {
  const seconds = Number(header);
  return header && Number.isFinite(seconds) && seconds > 0 ? Math.min(60, Math.max(1, seconds)) * 1000 : fallbackMs;
}
