import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRulesGenerate, runRulesTest } from '../../src/commands/rules.ts';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', name);

const MISTYPED = `import { standardCatalog as c } from '@bizmetrics/core';
import { defineConfig, rate, select } from '@bizmetrics/rules';
export default defineConfig({
  name: 'mistyped',
  kpis: [rate({ name: 'steps', description: 'x', value: select(c.funnelSteps, { stage: 'cart_view' }) })],
  alerts: [],
  links: { runbookBase: 'https://r.example.com', dashboard: 'https://g.example.com' },
});
`;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

describe('bizmetrics rules generate', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bizmetrics-cli-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes rules, tests, dashboard and docs for the default config', async () => {
    const { io, out } = capture();
    expect(await runRulesGenerate({ out: dir }, io)).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([
      'alertmanager',
      'dashboards',
      'docs',
      'kubernetes',
      'rules',
      'tests',
    ]);
    expect(out[0]).toContain('for "bizmetrics"');
  });

  it('loads and type-checks a TypeScript config module', { timeout: 60_000 }, async () => {
    const { io } = capture();
    expect(await runRulesGenerate({ out: dir, config: fixture('signup-config.ts') }, io)).toBe(0);
    expect(await readdir(join(dir, 'rules'))).toEqual(['signup.rules.yaml']);
    expect(await readdir(join(dir, 'tests'))).toEqual([
      'BusinessMetricAbsent.test.yaml',
      'SignupConversionDrop.test.yaml',
    ]);
  });

  it('refuses a config that does not type-check, naming file, line and label, without a stack trace', async () => {
    // Written at test time, inside the repo so '@bizmetrics/*' resolve, and removed after: a checked-in
    // file with a type error would break the repository's typecheck.
    const here = await mkdtemp(join(import.meta.dirname, 'tmp-'));
    const file = join(here, 'mistyped-config.ts');
    await writeFile(file, MISTYPED);
    try {
      const { io, err } = capture();
      expect(await runRulesGenerate({ out: dir, config: file }, io)).toBe(2);
      expect(err.join('')).toMatch(
        /mistyped-config\.ts does not type-check:\n {2}mistyped-config\.ts:5:\d+ .*stage/,
      );
      expect(err.join('')).not.toContain('    at ');
    } finally {
      await rm(here, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a missing config file and a module without a config export', async () => {
    const missing = capture();
    expect(await runRulesGenerate({ out: dir, config: join(dir, 'nope.ts') }, missing.io)).toBe(2);
    expect(missing.err.join('')).toContain('nope.ts does not exist');
    const wrong = capture();
    expect(
      await runRulesGenerate(
        { out: dir, config: fixture('../commands/rules.test.ts'), typecheck: false },
        wrong.io,
      ),
    ).toBe(2);
    expect(wrong.err.join('')).toMatch(/does not load|must export a RulesConfig/);
  });

  it('rules test says to generate first when the folder holds no rules', async () => {
    const { io, err } = capture();
    expect(await runRulesTest(dir, io)).toBe(2);
    expect(err.join('')).toContain('run `rules generate` first');
  });
});
