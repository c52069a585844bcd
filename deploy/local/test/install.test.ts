import { execFile } from 'node:child_process';
import { readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, STACK_BIN } from '../src/index.ts';

const run = promisify(execFile);

/** `[major, minor, patch]` of a dotted version, for comparisons. */
const parts = (v: string) => v.split('.').map(Number);
const atLeast = (v: string, min: string) => {
  const [a, b] = [parts(v), parts(min)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

describe('stack:install', { timeout: 120_000 }, () => {
  it('is idempotent: a second run only checks and reports versions at or above the minimums', async () => {
    const { stdout } = await run('bash', [join(REPO_ROOT, 'deploy/local/install.sh')]);
    expect(stdout).toContain('already installed');
    const versions = Object.fromEntries(
      [...stdout.matchAll(/\[stack:install\] ([a-z-]+) (\d+\.\d+\.\d+) /g)].map((m) => [
        m[1],
        m[2] as string,
      ]),
    );
    const minimums = {
      prometheus: '2.53.0',
      promtool: '2.53.0',
      alertmanager: '0.27.0',
      amtool: '0.27.0',
      'victoria-metrics': '1.100.0',
    };
    for (const [tool, min] of Object.entries(minimums)) {
      expect(versions[tool], tool).toBeDefined();
      expect(atLeast(versions[tool] as string, min), `${tool} ${versions[tool]} >= ${min}`).toBe(true);
    }
  });

  it('runs the binaries it installed: prometheus and promtool report their version', async () => {
    for (const tool of ['prometheus', 'promtool']) {
      const { stdout, stderr } = await run(join(STACK_BIN, tool), ['--version']);
      expect(`${stdout}${stderr}`).toMatch(new RegExp(`${tool}, version 2\\.\\d+\\.\\d+`));
    }
  });

  it('links binaries rather than copying them, except the patched Alertmanager', async () => {
    await expect(readlink(join(STACK_BIN, 'prometheus'))).resolves.toMatch(/prometheus$/);
    await expect(readlink(join(STACK_BIN, 'alertmanager'))).rejects.toMatchObject({ code: 'EINVAL' });
  });
});
