// One map from a zod issue to a Dutch sentence naming the field, for every schema the API checks at the door.
import type { z } from 'astro/zod';

/** Dutch names of the types zod reports. */
const TYPE_NAMES: Record<string, string> = {
  string: 'tekst',
  number: 'een getal',
  int: 'een geheel getal',
  boolean: 'ja of nee (true/false)',
  object: 'een object',
  array: 'een lijst',
  date: 'een datum',
};

/** What a size bound is counted in, per kind of value. */
function unit(origin: string | undefined, n: number | bigint): string {
  if (origin === 'string') return n === 1 ? 'teken' : 'tekens';
  if (origin === 'array' || origin === 'set') return n === 1 ? 'item' : 'items';
  if (origin === 'file') return 'bytes';
  return '';
}

/** A Dutch message (without the field name) for one issue; zod falls back to its own when this returns undefined. */
export function dutchIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'ontbreekt';
      return `moet ${TYPE_NAMES[issue.expected] ?? issue.expected} zijn`;
    case 'too_small': {
      const u = unit(issue.origin, issue.minimum);
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'mag niet leeg zijn';
      return `moet ${issue.inclusive === false ? 'meer dan' : 'minstens'} ${issue.minimum}${u ? ` ${u} hebben` : ' zijn'}`;
    }
    case 'too_big': {
      const u = unit(issue.origin, issue.maximum);
      return `mag ${issue.inclusive === false ? 'minder dan' : 'hoogstens'} ${issue.maximum}${u ? ` ${u} hebben` : ' zijn'}`;
    }
    case 'invalid_format':
      return 'heeft niet de juiste vorm';
    case 'invalid_value':
      return `moet een van deze zijn: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `onbekend veld: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'past bij geen van de toegestane vormen';
    case 'not_multiple_of':
      return `moet een veelvoud van ${issue.divisor} zijn`;
    default:
      return 'is ongeldig';
  }
}

/** Where an issue is: its field path (`doel.type`), or nothing for the whole body. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** The one sentence the API answers for input that failed its schema: the first problem, named by its field. */
export function describeInvalidInput(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0];
  const field = fieldOf(first.path);
  return `${field ? `${field}: ` : ''}${first.message}`;
}
