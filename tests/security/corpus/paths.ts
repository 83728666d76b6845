// Path tricks in every id- or path-like field: post and comment ids in URLs, group ids, comment targets.
// The server builds every path itself, so each must be refused (404/422) and write nothing.
import { refused, type CorpusEntry, type Field } from './types.ts';

/** Strings that try to name another file than the one the server would choose. */
const TRICKS: [string, string][] = [
  ['parent folder', '../'],
  ['parent of parent', '../../etc/passwd'],
  ['into .git', '../../.git/config'],
  ['.git directly', '.git/HEAD'],
  ['workflow', '.github/workflows/deploy.yml'],
  ['workflow via parent', '../../.github/workflows/evil'],
  ['encoded slash', '..%2f..%2f.git%2fconfig'],
  ['double encoded', '..%252f..%252f.git%252fconfig'],
  ['encoded dots', '%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
  ['overlong utf-8 dot', '%c0%ae%c0%ae/etc'],
  ['backslashes', '..\\..\\windows\\win.ini'],
  ['absolute path', '/etc/passwd'],
  ['windows drive', 'C:\\Windows\\system.ini'],
  ['unc path', '\\\\server\\share'],
  ['nul byte', 'koffietijd\u0000.md'],
  ['encoded nul', 'koffietijd%00.md'],
  ['with extension', 'koffietijd.md'],
  ['trailing slash', 'koffietijd/'],
  ['sub folder climb', 'koffietijd/../bestuur'],
  ['fullwidth dots and slash', '\uFF0E\uFF0E\uFF0Fetc'],
  ['one dot leaders', '\u2024\u2024/etc'],
  ['greek omicron lookalike', 'k\u03BFffietijd'],
  ['cyrillic a lookalike', 'b\u0435stuur'],
  ['upper case', 'KOFFIETIJD'],
  ['trailing space', 'koffietijd '],
  ['zero-width space inside', 'koffie\u200Btijd'],
  ['rtl override', 'koffietijd\u202E'],
  ['tilde home', '~/.ssh/id_rsa'],
  ['dos device', 'con'],
  ['very long', 'a'.repeat(400)],
  ['empty', ''],
  ['query and fragment', 'koffietijd?x=1#y'],
  ['url', 'https://example.org/x'],
];

/** Ids that look like ULIDs but are not ours to touch. */
const ULID_TRICKS: [string, string][] = [
  ['upper-case ulid', '01KAQ4ZTZ8Z9J1Y6M5J0VQ4N2B'],
  ['ulid with extension', '01kaq4ztz8z9j1y6m5j0vq4n2b.md'],
  ['ulid with excluded letter', '01kaq4ztz8z9j1y6m5j0vq4n2u'],
  ['ulid past the year 10889', '8zzzzzzzzzzzzzzzzzzzzzzzzz'],
  ['ulid that does not exist', '01kaq4ztz8z9j1y6m5j0vq4n2b'],
  ['ulid then climb', '01kaq4ztz8z9j1y6m5j0vq4n2b/../../x'],
];

function entries(field: Field, prefix: string, values: [string, string][], status: number[]): CorpusEntry[] {
  return values.map(([description, input], i) => ({ id: `${prefix}-${i}`, category: 'path', field, description, input, expect: refused(...status) }));
}

/** Every trick in the URL of edit/delete/hide, as a group, and as a comment target of every type. */
export const PATH_ENTRIES: CorpusEntry[] = [
  ...entries('bericht-id', 'path-bericht', [...TRICKS, ...ULID_TRICKS], [400, 404, 405, 422]),
  ...entries('reactie-id', 'path-reactie', [...TRICKS, ...ULID_TRICKS], [400, 404, 405, 422]),
  // An empty group in a form is the timeline (an empty select), so it is not among the group tricks.
  ...entries('groep', 'path-groep', TRICKS.filter(([, v]) => v !== ''), [404, 422]),
  ...(['nieuws', 'kennis', 'agenda', 'bericht'] as const).flatMap((type) =>
    [...TRICKS, ...(type === 'bericht' ? ULID_TRICKS : [])].map(([description, id], i): CorpusEntry => ({
      id: `path-doel-${type}-${i}`,
      category: 'path',
      field: 'doel',
      description: `${type}: ${description}`,
      input: { type, id },
      expect: refused(404, 422),
    })),
  ),
  { id: 'path-doel-type-path', category: 'path', field: 'doel', description: 'type as path', input: { type: '../berichten', id: 'x' }, expect: refused(422) },
  { id: 'path-doel-type-groep', category: 'path', field: 'doel', description: 'type not allowed (groepen)', input: { type: 'groepen', id: 'koffietijd' }, expect: refused(422) },
];
