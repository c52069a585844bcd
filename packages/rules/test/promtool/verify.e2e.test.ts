import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultConfig,
  findTool,
  generateArtifacts,
  verifyRulesDir,
  writeArtifacts,
} from '../../src/index.ts';

// Real promtool (and vmalert when installed) from .stack/bin: deploy/local/install.sh puts them there.
// An e2e test: the generated tests replay a week of history each, about 15 s per file.
const promtool = findTool('promtool');

describe.skipIf(!promtool)('generated rules and tests under the real promtool', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bizmetrics-rules-'));
    await writeArtifacts(dir, generateArtifacts(defaultConfig));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('passes promtool check rules, every generated unit test, and vmalert -dryRun', async () => {
    const report = await verifyRulesDir(dir);
    const failures = report.results.filter((r) => !r.ok).map((r) => `${r.command} ${r.file}\n${r.output}`);
    expect(failures).toEqual([]);
    expect(report.results.filter((r) => r.command.includes('test rules')).length).toBe(6);
    if (findTool('vmalert')) expect(report.results.some((r) => r.command.startsWith('vmalert'))).toBe(true);
  }, 300_000);

  it('fails when a generated test no longer matches the rules (an alert that cannot fire)', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'bizmetrics-broken-'));
    try {
      const artifacts = generateArtifacts(defaultConfig).filter(
        (a) => !a.path.startsWith('tests/') || a.path.includes('ConversionRateDrop'),
      );
      await writeArtifacts(broken, artifacts);
      const rules = artifacts.find((a) => a.path.startsWith('rules/'))!;
      await writeFile(join(broken, rules.path), rules.content.replace('< (0.7 *', '< (0.01 *'));
      const report = await verifyRulesDir(broken);
      expect(report.ok).toBe(false);
      expect(report.results.find((r) => !r.ok)?.output).toContain('ConversionRateDrop fires on an incident');
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  }, 300_000);
});
