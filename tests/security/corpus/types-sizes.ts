// Wrong types and sizes: empty, null, arrays, objects, prototype keys, 10 MB strings, broken UTF-16,
// direction overrides, invisible and control characters. Whole bodies go to every JSON write endpoint.
import { harmless, refused, type CorpusEntry } from './types.ts';

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

/** Raw JSON bodies (or not-JSON) that no JSON write endpoint may accept. */
const BODIES: [string, string | Uint8Array, number[]][] = [
  ['invalid UTF-8 (latin-1 bytes)', Buffer.from('{"tekst":"caf\u00e9"}', 'latin1'), [400]],
  ['UTF-16 encoded JSON', Buffer.from('{"tekst":"x"}', 'utf16le'), [400]],
  ['empty body', '', [400]],
  ['null', 'null', [422]],
  ['array', '[]', [422]],
  ['array of the right object', '[{"tekst":"x"}]', [422]],
  ['string', '"tekst"', [422]],
  ['number', '42', [422]],
  ['boolean', 'true', [422]],
  ['broken JSON', '{"tekst": "x"', [400]],
  ['single quotes', "{'tekst': 'x'}", [400]],
  ['trailing comma', '{"tekst": "x",}', [400]],
  ['NaN', '{"tekst": NaN}', [400]],
  ['comment in JSON', '{"tekst": "x" /* c */}', [400]],
  ['__proto__ key', '{"tekst":"x","__proto__":{"hidden":true,"author":"eva-editor"}}', [422]],
  ['only __proto__', '{"__proto__":{"tekst":"x","reden":"x"}}', [422]],
  ['constructor prototype', '{"tekst":"x","constructor":{"prototype":{"editor":true}}}', [422]],
  ['author in body', '{"tekst":"x","author":"eva-editor"}', [422]],
  ['hidden in body', '{"tekst":"x","hidden":{"by":"eva-editor","at":"2026-01-01"}}', [422]],
  ['created in body', '{"tekst":"x","created":"1999-01-01"}', [422]],
  ['duplicate keys', '{"tekst":"x","tekst":{"$ne":1}}', [422]],
  ['deep nesting', `${'['.repeat(20000)}${']'.repeat(20000)}`, [400, 422]],
  ['10 MB string', JSON.stringify({ tekst: TEN_MB }), [413]],
  ['10 MB of whitespace', ' '.repeat(10 * 1024 * 1024), [413]],
];

/** Values put in the `tekst` field of every text endpoint. */
const TEKST: [string, unknown, number[] | 'harmless'][] = [
  ['missing', undefined, [422]],
  ['null', null, [422]],
  ['number', 5, [422]],
  ['array', ['x'], [422]],
  ['object', { $ne: '' }, [422]],
  ['boolean', false, [422]],
  ['empty', '', [422]],
  ['only whitespace', ' \n\t \r\n ', [422]],
  ['5,001 characters', 'x'.repeat(5001), [422]],
  ['5,001 emoji', '😀'.repeat(5001), [422]],
  ['10 MB', TEN_MB, [413]],
  ['lone high surrogate', 'hallo \uD800 daar', [422]],
  ['lone low surrogate', '\uDC00', [422]],
  ['reversed surrogate pair', '\uDE00\uD83D', [422]],
  ['RTL override', 'factuur\u202Egpj.exe', [422]],
  ['LTR embedding', 'a\u202Ab', [422]],
  ['isolate', 'a\u2067b\u2069', [422]],
  ['NUL', 'a\u0000b', [422]],
  ['bell', 'a\u0007b', [422]],
  ['escape sequence', 'a\u001b]0;pwned\u0007b', [422]],
  ['vertical tab', 'a\u000bb', [422]],
  ['form feed', 'a\u000cb', [422]],
  ['only zero-width characters', '\u200B\u200C\u200D', 'harmless'],
  ['zero-width inside words', 'ko\u200Bffie', 'harmless'],
  ['DEL and C1 controls', 'a\u007f\u0085\u009bb', 'harmless'],
  ['right-to-left mark (legitimate in Arabic)', 'مرحبا\u200F ok', 'harmless'],
  ['exactly 5,000 characters', 'y'.repeat(5000), 'harmless'],
  ['CRLF line ends', 'regel een\r\nregel twee\rregel drie', 'harmless'],
  ['noncharacters', 'a\uFFFEb\uFFFF', 'harmless'],
  ['combining marks pile', `Z${'\u0336\u0334\u0335'.repeat(300)}algo`, 'harmless'],
];

/** Types and sizes: whole bodies and the text field. */
export const TYPES_SIZES_ENTRIES: CorpusEntry[] = [
  ...BODIES.map(([description, input, status], i): CorpusEntry => ({ id: `body-${i}`, category: 'types-sizes', field: 'body', description, input, expect: refused(...status) })),
  ...TEKST.map(([description, input, status], i): CorpusEntry => ({
    id: `tekst-type-${i}`,
    category: 'types-sizes',
    field: 'tekst',
    description,
    input,
    expect: status === 'harmless' ? harmless : refused(...status),
  })),
];
