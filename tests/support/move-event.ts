// The demo has fixed dates, which pass as the real clock moves on; a test that needs an agenda item still to come (or
// a poll still open) moves it in its server's copy of the repository (never in content/) by whole weeks, keeping its
// weekday, its hours and its sign-up deadline relative to its start, and commits that (the server reads git and disk).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

/** This checkout: the demo entries' files are below its content/. */
const CHECKOUT = join(import.meta.dirname, '..', '..');
const WEEK = 7 * 24 * 60 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;

/** The whole weeks that move `moment` to between one and eight days after `now` (negative: back). */
export function weeksToComingWeek(moment: Date, now = Date.now()): number {
  return Math.ceil((now + DAY - moment.getTime()) / WEEK);
}

/** Moves the dates in the front matter (an event's start, end and signup.deadline; a poll's closes) of `file` (the demo entry's file) in `repo` by `weeks`; commits. */
export function moveEventInClone(repo: string, file: string, weeks: number): void {
  if (weeks === 0) return;
  // The entry's path inside the repository, the same in the server's copy (a checkout may itself sit below a
  // folder named content).
  const path = relative(CHECKOUT, file).split(sep).join('/');
  if (!path.startsWith('content/') || isAbsolute(path)) throw new Error(`${file} is not a demo entry below ${join(CHECKOUT, 'content')}`);
  const text = readFileSync(join(repo, path), 'utf8');
  const end = text.indexOf('\n---', 3);
  const front = text.slice(0, end).replace(/^([ \t]*(?:start|end|deadline|closes):[ \t]*)(\S+)[ \t]*$/gm, (_, key: string, value: string) => {
    const moved = new Date(new Date(value).getTime() + weeks * WEEK);
    if (Number.isNaN(moved.getTime())) throw new Error(`${path}: no date in ‘${key.trim()} ${value}’`);
    return `${key}${moved.toISOString()}`;
  });
  writeFileSync(join(repo, path), front + text.slice(end));
  execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@intranet.invalid', 'commit', '--quiet', '-m', `e2e: ${path} moved ${weeks} weeks`, '--', path], { cwd: repo });
}
