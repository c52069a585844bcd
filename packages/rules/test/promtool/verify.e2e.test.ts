import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, generateArtifacts, verifyRulesDir, writeArtifacts } from '../../src/index.ts';
import { findTool } from '../../src/promtool.ts';

// Real promtool (and vmalert when installed) from .stack/bin: deploy/local/install.sh puts them there.
// The passing run of the whole default output is packages/cli/test/e2e/rules.e2e.test.ts (through
// the CLI); here, that a broken rule makes the generated tests fail.
describe('generated rules and tests under the real promtool', () => {
  // Fail, never skip, when a real tool is missing: `pnpm test` installs them first (.ci/setup-tools.sh).
  for (const tool of ['promtool'] as const)
    it(`finds the real ${tool} in .stack/bin or on the PATH`, () => expect(findTool(tool)).toBeTruthy());
  it('fails when a generated test no longer matches the rules (an alert that cannot fire)', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'bizmetrics-broken-'));
    try {
      const artifacts = generateArtifacts(defaultConfig).filter(
        (a) => !a.path.startsWith('tests/') || a.path.includes('ConversionRateDrop'),
      );
      await writeArtifacts(broken, artifacts);
      const rules = artifacts.find((a) => a.path.startsWith('rules/'))!;
      await writeFile(
        join(broken, rules.path),
        rules.content.replace('(0.7 * funnel:checkout_conversion', '(0.01 * funnel:checkout_conversion'),
      );
      const report = await verifyRulesDir(broken);
      expect(report.ok).toBe(false);
      expect(report.results.find((r) => !r.ok)?.output).toContain(
        'ConversionRateDrop pages after `for` on an incident',
      );
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  }, 300_000);
});
