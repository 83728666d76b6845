import { describe, expect, it } from 'vitest';
import { measureCommand } from './measure.ts';

/** Node code that works until it has used `ms` milliseconds of CPU time (however busy the machine is). */
const busy = (ms: number) => `const start = process.cpuUsage(); for (;;) { const u = process.cpuUsage(start); if (u.user + u.system >= ${ms * 1000}) break; }`;

describe('measureCommand', () => {
  it('counts the CPU time of the whole process tree, a child’s children included, not the time spent waiting', async () => {
    // The command burns 0.4 s itself, starts a child that burns 0.4 s and waits for it, then sleeps 0.5 s.
    const script = `const { execFileSync } = require('node:child_process');
${busy(400)}
execFileSync(process.execPath, ['-e', ${JSON.stringify(busy(400))}]);
setTimeout(() => {}, 500);`;
    const result = await measureCommand(process.execPath, ['-e', script]);
    expect(result.code).toBe(0);
    expect(result.seconds).toBeGreaterThan(1.2);
    // 0.8 s of work plus two Node start-ups; the half second of sleep is not CPU time.
    expect(result.cpuSeconds).toBeGreaterThanOrEqual(0.75);
    expect(result.cpuSeconds!).toBeLessThan(result.seconds - 0.3);
  });

  it('counts only the command it ran, not one measured before it', async () => {
    await measureCommand(process.execPath, ['-e', busy(500)]);
    const idle = await measureCommand(process.execPath, ['-e', 'setTimeout(() => {}, 300)']);
    expect(idle.cpuSeconds).toBeLessThan(0.3);
  });
});
