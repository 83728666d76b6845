// What the WebAssembly JPEG decoder does not do for us: tell a truncated file (MozJPEG fills the missing rows with grey
// and only warns) from a complete one. Pure, runs anywhere.

const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;

/** The header segments of a JPEG up to its start of scan: marker and where its payload starts and ends. */
function segments(b: Uint8Array): { marker: number; start: number; end: number }[] {
  const found: { marker: number; start: number; end: number }[] = [];
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    if (marker === 0xff) { i += 1; continue; }
    const end = i + 2 + u16(b, i + 2);
    found.push({ marker, start: i + 4, end });
    if (marker === 0xda) break;
    i = end;
  }
  return found;
}

/** Whether a JPEG's scan data ends with an end-of-image marker (0xFFD9 cannot occur inside entropy-coded data). */
export function hasJpegEnd(b: Uint8Array): boolean {
  const scan = segments(b).find((s) => s.marker === 0xda);
  if (!scan) return false;
  for (let i = scan.end; i + 1 < b.length; i += 1) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  return false;
}
