import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTool, generateArtifacts, verifyRulesDir, writeArtifacts } from '../../src/index.ts';
import custom from '../fixtures/custom-config.ts';

describe.skipIf(!findTool('promtool'))('generated tests for other condition kinds', () => {
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
