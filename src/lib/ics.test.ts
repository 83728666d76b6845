import { describe, expect, it } from 'vitest';
import { buildIcs } from './ics.ts';

describe('buildIcs', () => {
  const ics = buildIcs(
    {
      uid: 'kerstborrel@intranet',
      title: 'Kerstborrel; met hapjes, drankjes',
      description: 'Regel 1\nRegel 2 ' + 'lang '.repeat(40),
      location: 'Stadhuis, hal',
      start: new Date('2026-12-18T15:00:00Z'),
      end: new Date('2026-12-18T18:00:00Z'),
    },
    new Date('2026-11-23T00:00:00Z'),
  );
  it('uses CRLF and UTC times', () => {
    expect(ics).toContain('\r\nDTSTART:20261218T150000Z\r\n');
    expect(ics).toContain('DTSTAMP:20261123T000000Z');
    expect(ics.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
  });
  it('escapes separators and newlines', () => {
    expect(ics).toContain('SUMMARY:Kerstborrel\\; met hapjes\\, drankjes');
    expect(ics).toContain('DESCRIPTION:Regel 1\\nRegel 2');
  });
});
