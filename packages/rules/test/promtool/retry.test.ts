import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyRulesDir } from '../../src/index.ts';

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A rules dir with one rule file and one test file, and a stand-in promtool script. */
async function setup(script: string): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'rules-retry-'));
  await mkdir(join(dir, 'rules'));
  await mkdir(join(dir, 'tests'));
  await writeFile(join(dir, 'rules', 'r.yaml'), 'groups: []\n');
  await writeFile(join(dir, 'tests', 't.yaml'), 'tests: []\n');
  const tool = join(dir, 'promtool');
  await writeFile(tool, `#!/bin/sh\n${script}\n`);
  await chmod(tool, 0o755);
  return tool;
}

describe('verifyRulesDir retries a failing promtool test file once', () => {
  it('passes, and says so, when the second run passes', async () => {
    const promtool = await setup(
      `[ "$1" = check ] && exit 0\nif [ -f "${'$'}0.ran" ]; then echo SUCCESS; exit 0; fi\ntouch "${'$'}0.ran"; echo "FAILED: missed alert"; exit 1`,
    );
    const report = await verifyRulesDir(dir, { promtool, vmalert: '/nonexistent/vmalert-not-used' });
    const test = report.results.find((r) => r.command.includes('test'))!;
    expect(test.ok).toBe(true);
    expect(test.output).toMatch(/passed on a second run; the first run failed:\)\n.*FAILED: missed alert/s);
  });

  it('still fails when the test file fails twice', async () => {
    const promtool = await setup('[ "$1" = check ] && exit 0\necho "FAILED: wrong expression"; exit 1');
    const report = await verifyRulesDir(dir, { promtool, vmalert: '/nonexistent/vmalert-not-used' });
    expect(report.ok).toBe(false);
    expect(report.results.find((r) => r.command.includes('test'))!.output).toMatch(/failed twice/);
  });
});
