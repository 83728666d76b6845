import { describe, expect, it } from 'vitest';
import { knowledgePageOf, MAX_TERM, normaliseTerm } from './search-terms.ts';

describe('search terms as they are counted', () => {
  it('normalises case, spaces and control characters, and cuts long terms', () => {
    expect(normaliseTerm('  Verlof\tAANVRAGEN \n')).toBe('verlof aanvragen');
    expect(normaliseTerm('IJs\u202eberg')).toBe('ijs berg');
    expect(normaliseTerm(' \u0007 ')).toBe('');
    expect(normaliseTerm('a'.repeat(80))).toHaveLength(MAX_TERM);
  });

  it('names the knowledge page a result opens, nothing else', () => {
    expect(knowledgePageOf('/weten-en-regelen/hr/verlof-aanvragen/#kop')).toBe('hr/verlof-aanvragen');
    expect(knowledgePageOf('https://plein.example/weten-en-regelen/ict/')).toBe('ict');
    expect(knowledgePageOf('/nieuws/fietsplan/')).toBeUndefined();
    expect(knowledgePageOf('/weten-en-regelen/')).toBeUndefined();
  });
});
