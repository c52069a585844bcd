import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyRulesDir } from '../../src/index.ts';

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A rules dir with one rule file and one test file, and a stand-in promtool that logs each call. */
async function setup(script: string): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'rules-once-'));
  await mkdir(join(dir, 'rules'));
  await mkdir(join(dir, 'tests'));
  await writeFile(join(dir, 'rules', 'r.yaml'), 'groups: []\n');
  await writeFile(join(dir, 'tests', 't.yaml'), 'tests: []\n');
  const tool = join(dir, 'promtool');
  await writeFile(tool, `#!/bin/sh\necho "$1" >> "${'$'}0.calls"\n${script}\n`);
  await chmod(tool, 0o755);
  return tool;
}

describe('verifyRulesDir runs each promtool test file once', () => {
  it('fails on the first failure, without a second run that could hide it', async () => {
    // This stand-in would pass on a second run: the report must still fail.
    const promtool = await setup(
      `[ "$1" = check ] && exit 0\nif [ -f "${'$'}0.ran" ]; then echo SUCCESS; exit 0; fi\ntouch "${'$'}0.ran"; echo "FAILED: missed alert"; exit 1`,
    );
    const report = await verifyRulesDir(dir, { promtool, vmalert: '/nonexistent/vmalert-not-used' });
    expect(report.ok).toBe(false);
    expect(report.results.find((r) => r.command.includes('test'))!.output).toMatch(/FAILED: missed alert/);
    const calls = (await readFile(`${promtool}.calls`, 'utf8')).trim().split('\n');
    expect(calls.filter((c) => c === 'test')).toHaveLength(1);
  });
});
