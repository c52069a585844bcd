import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTool } from '../../src/promtool.ts';
import { renderUxRulesFile, uxScorePromtoolTests } from '../../src/ux.ts';

const run = promisify(execFile);

describe('the User Experience Score under the real promtool', () => {
  let dir: string;
  const promtool = findTool('promtool');
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bizmetrics-ux-'));
    await writeFile(join(dir, 'ux.rules.yml'), renderUxRulesFile());
    await writeFile(join(dir, 'ux.test.yml'), uxScorePromtoolTests('ux.rules.yml'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the real promtool', () => expect(promtool).toBeTruthy());

  it('passes promtool check rules', async () => {
    const { stdout } = await run(promtool as string, ['check', 'rules', join(dir, 'ux.rules.yml')]);
    // 3 components, 3 weights, the score and the alert
    expect(stdout).toContain('SUCCESS: 8 rules found');
  });

  it('records the exact score, components and alert promtool expects', async () => {
    const { stdout } = await run(promtool as string, ['test', 'rules', 'ux.test.yml'], { cwd: dir });
    expect(stdout).toMatch(/SUCCESS/);
  });

  it('fails promtool when an expectation is wrong (the tests can fail)', async () => {
    const wrong = uxScorePromtoolTests('ux.rules.yml').replace('value: 0.6875', 'value: 0.6874');
    await writeFile(join(dir, 'wrong.test.yml'), wrong);
    const error = (await run(promtool as string, ['test', 'rules', 'wrong.test.yml'], { cwd: dir }).catch(
      (e: unknown) => e,
    )) as { code?: number; stdout: string; stderr: string };
    expect(error.code).toBe(1);
    expect(`${error.stdout}${error.stderr}`).toMatch(/FAILED[\s\S]*exp: .* 6\.874E-01\s+got: .* 6\.875E-01/);
  });
});
