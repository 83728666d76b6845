// Initials and a stable colour for avatars drawn from a name (no photos needed).

/** Colours that all give white text a contrast of at least 4.5:1. */
export const AVATAR_COLOURS = ['#1d4e89', '#7a2048', '#2f6b2f', '#8a4b08', '#5b2a86', '#0f5e5e', '#9b1c1c', '#374151'] as const;

/** "Anouk de Vries" → "AV": first and last capitalised word, skipping tussenvoegsels. */
export function getInitials(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  const picked = words.length ? words : name.trim().split(/\s+/);
  const first = picked[0]?.[0] ?? '?';
  const last = picked.length > 1 ? picked[picked.length - 1][0] : '';
  return (first + last).toUpperCase();
}

/** A colour from AVATAR_COLOURS that stays the same for the same key. */
export function pickColour(key: string): string {
  let hash = 0;
  for (const ch of key) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length];
}
