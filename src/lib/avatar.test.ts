import { describe, expect, it } from 'vitest';
import { getInitials, pickColour } from './avatar.ts';

describe('avatar helpers', () => {
  it('skips tussenvoegsels', () => {
    expect(getInitials('Anouk de Vries')).toBe('AV');
    expect(getInitials('Jan van der Berg')).toBe('JB');
    expect(getInitials('Fatima')).toBe('F');
  });
  it('picks the same colour for the same person', () => {
    expect(pickColour('anouk-de-vries')).toBe(pickColour('anouk-de-vries'));
    expect(pickColour('a')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
