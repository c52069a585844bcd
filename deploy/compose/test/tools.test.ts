import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stackBin } from '@bizmetrics/local-stack';
import { defaultConfig, generateArtifacts, writeArtifacts } from '@bizmetrics/rules';
import { artifactPaths } from '@bizmetrics/rules/render';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Real tools from `corepack pnpm stack:install` (Debian's promtool 2.53, amtool 0.28, vmalert).
const DIR = resolve(import.meta.dirname, '..');
const ALERTMANAGER = join(DIR, 'alertmanager/alertmanager.yml');
let generated: string;
let rulesFile: string;

function run(bin: string, args: string[]) {
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  // What `pnpm bizmetrics rules generate --out /generated` writes in the init service.
  generated = mkdtempSync(join(tmpdir(), 'bizmetrics-compose-'));
  await writeArtifacts(generated, generateArtifacts(defaultConfig));
  rulesFile = join(generated, artifactPaths(defaultConfig).rules);
});
afterAll(() => rmSync(generated, { recursive: true, force: true }));

describe('promtool check config', () => {
  it('accepts the compose Prometheus config with the generated rules in place', () => {
    const config = join(generated, 'prometheus.yml');
    const text = readFileSync(join(DIR, 'prometheus/prometheus.yml'), 'utf8').replaceAll(
      '/generated/',
      `${generated}/`,
    );
    writeFileSync(config, text);
    const r = run(stackBin('promtool'), ['check', 'config', config]);
    expect(r.out).toMatch(/SUCCESS: 1 rule files found/);
    expect(r.code, r.out).toBe(0);
  });

  it('rejects a config with a broken scrape interval (the check is real)', () => {
    const config = join(generated, 'broken.yml');
    writeFileSync(
      config,
      readFileSync(join(DIR, 'prometheus/prometheus.yml'), 'utf8').replace('15s', 'often'),
    );
    expect(run(stackBin('promtool'), ['check', 'config', config]).code).not.toBe(0);
  });
});

describe('amtool', () => {
  it('accepts the compose Alertmanager config', () => {
    const r = run(stackBin('amtool'), ['check-config', ALERTMANAGER]);
    expect(r.code, r.out).toBe(0);
  });

  it('routes every team the generated rules name to that team receiver', () => {
    const rules = parse(readFileSync(rulesFile, 'utf8')) as {
      groups: { rules: { labels?: { team?: string } }[] }[];
    };
    const teams = new Set(rules.groups.flatMap((g) => g.rules.flatMap((r) => r.labels?.team ?? [])));
    expect(teams.size).toBeGreaterThan(1);
    for (const team of teams) {
      const r = run(stackBin('amtool'), [
        'config',
        'routes',
        'test',
        `--config.file=${ALERTMANAGER}`,
        `team=${team}`,
      ]);
      expect(r.stdout.trim(), team).toBe(`team-${team}`);
    }
  });

  it('sends alerts without a known team to the unrouted receiver', () => {
    const r = run(stackBin('amtool'), [
      'config',
      'routes',
      'test',
      `--config.file=${ALERTMANAGER}`,
      'team=nobody',
    ]);
    expect(r.stdout.trim()).toBe('unrouted');
  });
});

describe('vmalert -dryRun', () => {
  it('accepts the generated rules, so they also run in vmalert', () => {
    const r = run(stackBin('vmalert'), ['-dryRun', `-rule=${rulesFile}`]);
    expect(r.code, r.out).toBe(0);
  });

  it('rejects a rules file with invalid PromQL (the check is real)', () => {
    const bad = join(generated, 'bad.rules.yaml');
    writeFileSync(bad, 'groups:\n  - name: bad\n    rules:\n      - record: x:y\n        expr: sum(rate(\n');
    expect(run(stackBin('vmalert'), ['-dryRun', `-rule=${bad}`]).code).not.toBe(0);
  });
});
