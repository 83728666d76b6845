import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_SCRIPT } from './build-command.ts';
import { outDirArgument, outDirProblem } from './out-dir.ts';

describe('--outDir of the build', () => {
  it('is read in both forms astro build takes', () => {
    expect(outDirArgument(['--outDir', 'x', '--silent'])).toBe('x');
    expect(outDirArgument(['--silent', '--outDir=y'])).toBe('y');
    expect(outDirArgument(['--silent'])).toBeUndefined();
  });

  it('refuses a folder beside the project whose name starts with the project folder’s, and only that', () => {
    const cwd = '/srv/plein';
    expect(outDirProblem(['--outDir', '/srv/plein-site'], cwd)).toMatch(/ligt buiten de projectmap \/srv\/plein, maar begint met dezelfde naam/);
    expect(outDirProblem(['--outDir=../plein2'], cwd)).toContain('/srv/plein2');
    for (const fine of ['dist', '.plein/dist-x', '/srv/plein/out', '/tmp/plein-dist', '../site', '/srv/plein']) {
      expect(outDirProblem(['--outDir', fine], cwd), fine).toBeUndefined();
    }
    expect(outDirProblem([], cwd)).toBeUndefined();
    expect(outDirProblem(['--outDir', ''], cwd)).toMatch(/mist de map/);
  });

  it('stops npm run build before Astro starts, with the message and nothing written', () => {
    const root = join(import.meta.dirname, '../..');
    const out = `${root}-plein-out-dir-test`;
    const run = spawnSync(process.execPath, [BUILD_SCRIPT, '--outDir', out], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`--outDir ${out} ligt buiten de projectmap`);
    expect(run.stdout).not.toContain('astro');
    expect(existsSync(out)).toBe(false);
  });
});
