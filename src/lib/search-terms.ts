// How a search term is counted for the dashboard (issue 17), shared by the search page and the API so both agree on
// what "the same term" is: lower case, single spaces, no control characters, at most MAX_TERM characters.

/** The longest term counted (longer ones are cut): a question typed as a sentence is no term. */
export const MAX_TERM = 60;

/** A term as it is counted; '' when nothing is left. */
export function normaliseTerm(raw: string): string {
  const cleaned = raw.toWellFormed().normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' ');
  return cleaned.toLocaleLowerCase('nl').replace(/\s+/g, ' ').trim().slice(0, MAX_TERM).trim();
}

/** The knowledge page a result URL opens (`hr/verlof-aanvragen` for /weten-en-regelen/hr/verlof-aanvragen/#kop), or undefined. */
export function knowledgePageOf(url: string): string | undefined {
  const path = new URL(url, 'https://plein.invalid').pathname;
  const match = /^\/weten-en-regelen\/(.+?)\/?$/.exec(path);
  return match?.[1];
}
