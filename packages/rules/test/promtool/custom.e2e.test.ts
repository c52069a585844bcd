import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateArtifacts, verifyRulesDir, writeArtifacts } from '../../src/index.ts';
import { findTool } from '../../src/promtool.ts';
import custom from '../fixtures/custom-config.ts';

describe('generated tests for other condition kinds', () => {
  // Fail, never skip, when a real tool is missing: `pnpm test` installs them first (.ci/setup-tools.sh).
  for (const tool of ['promtool'] as const)
    it(`finds the real ${tool} in .stack/bin or on the PATH`, () => expect(findTool(tool)).toBeTruthy());
  it('pass under the real promtool for thresholds, averages, per-second rates and unguarded alerts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bizmetrics-custom-'));
    try {
      await writeArtifacts(dir, generateArtifacts(custom));
      const report = await verifyRulesDir(dir);
      expect(report.results.filter((r) => !r.ok).map((r) => r.output)).toEqual([]);
      expect(report.results.filter((r) => r.command.includes('test rules')).length).toBe(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
