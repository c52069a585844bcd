import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startAlertmanager } from '@bizmetrics/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultConfig } from '../../src/index.ts';
import { buildModel } from '../../src/model.ts';
import { findTool } from '../../src/promtool.ts';
import { renderAlertmanagerConfig } from '../../src/render.ts';

const exec = promisify(execFile);
let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizmetrics-am-'));
  file = join(dir, 'alertmanager.yaml');
  await writeFile(file, renderAlertmanagerConfig(buildModel(defaultConfig)));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const amtool = (...args: string[]) => exec(findTool('amtool')!, args).then((r) => r.stdout.trim());
const route = (labels: Record<string, string>) =>
  amtool(
    'config',
    'routes',
    'test',
    `--config.file=${file}`,
    ...Object.entries(labels).map(([k, v]) => `${k}=${v}`),
  );

describe('the generated Alertmanager config, under the real amtool and Alertmanager', () => {
  // Fail, never skip, when a real tool is missing: `pnpm test` installs them first (.ci/setup-tools.sh).
  for (const tool of ['amtool', 'alertmanager'] as const)
    it(`finds the real ${tool} in .stack/bin or on the PATH`, () => expect(findTool(tool)).toBeTruthy());

  it('passes amtool check-config', async () => {
    expect(await amtool('check-config', file)).toContain('SUCCESS');
  });

  it('routes pages to on-call and tickets to the team', async () => {
    for (const alert of buildModel(defaultConfig).alerting.rules) {
      const { severity, team } = alert.labels;
      expect(await route({ alertname: alert.alert, severity: severity!, team: team! }), alert.alert).toBe(
        severity === 'page' ? 'oncall' : `team-${team}`,
      );
    }
  });

  it('lets a collapse silence the KPI alerts it explains, on the same currency only', async () => {
    const alertmanager = await startAlertmanager({ config: parse(await readFile(file, 'utf8')) });
    try {
      const alert = (alertname: string, labels: Record<string, string>) => ({
        labels: { alertname, ...labels },
        annotations: {},
        startsAt: new Date(Date.now() - 60_000).toISOString(),
      });
      const page = { severity: 'page', team: 'finance', kpi: 'revenue_minor' };
      const posted = await fetch(`${alertmanager.url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          alert('RevenueCollapse', { ...page, currency: 'EUR' }),
          alert('RevenueBelowBaseline', { ...page, currency: 'EUR' }),
          alert('RevenueBelowBaseline', { ...page, currency: 'USD' }),
          alert('RegionRevenueCollapse', { ...page, currency: 'EUR', region: 'eu' }),
        ]),
      });
      expect(posted.status).toBe(200);
      const alerts = (await (await fetch(`${alertmanager.url}/api/v2/alerts`)).json()) as {
        labels: Record<string, string>;
        status: { state: string; inhibitedBy: string[] };
      }[];
      const state = (name: string, labels: Record<string, string>) =>
        alerts.find(
          (a) =>
            a.labels['alertname'] === name && Object.entries(labels).every(([k, v]) => a.labels[k] === v),
        )?.status.state;
      expect(state('RevenueCollapse', { currency: 'EUR' })).toBe('active');
      expect(state('RevenueBelowBaseline', { currency: 'EUR' })).toBe('suppressed');
      expect(state('RegionRevenueCollapse', { currency: 'EUR' })).toBe('suppressed');
      expect(state('RevenueBelowBaseline', { currency: 'USD' })).toBe('active');
    } finally {
      await alertmanager.stop();
    }
  });
});
