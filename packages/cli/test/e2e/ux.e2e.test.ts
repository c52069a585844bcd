import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyRulesDir } from '@bizmetrics/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUx } from '../../src/commands/ux.ts';

describe('bizmetrics ux, then the real promtool', () => {
  let dir: string;
  const io = { stdout: () => {}, stderr: (t: string) => errors.push(t) };
  const errors: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bizmetrics-ux-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes rules, tests and a dashboard for another threshold without web vitals, and promtool passes them', async () => {
    expect(await runUx({ out: dir, apdexThreshold: '0.025', webVitals: false }, io)).toBe(0);
    const rules = await readFile(join(dir, 'rules/ux.rules.yaml'), 'utf8');
    expect(rules).toContain('le="0.025"');
    expect(rules).toContain('le="0.1"');
    expect(rules).not.toContain('browser_lcp');
    const report = await verifyRulesDir(dir);
    expect(report.results.filter((r) => !r.ok).map((r) => r.output)).toEqual([]);
    expect(report.results.map((r) => r.command)).toEqual(
      expect.arrayContaining(['promtool check rules', 'promtool test rules']),
    );
  });

  it('refuses a threshold whose 4T is no bucket boundary, exit 2', async () => {
    expect(await runUx({ out: dir, apdexThreshold: '0.3' }, io)).toBe(2);
    expect(errors.join('')).toMatch(
      /^bizmetrics ux: --apdex-threshold: apdexThresholdSeconds 0\.3: T = 0\.3 s is not a bucket boundary/,
    );
  });
});
