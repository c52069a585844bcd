import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  eventually,
  queryInstant,
  queryRange,
  type RunningPrometheus,
  type RunningServer,
  type RunningVictoriaMetrics,
  startAlertmanager,
  startPrometheus,
  startVictoriaMetrics,
} from '../src/index.ts';
import { checkPrometheusConfig, isAlive } from '../src/support.ts';
import { type MetricsTarget, serveMetrics } from './support/metrics-target.ts';

/** The value of a one-series instant query, or undefined while there is none. */
async function value(url: string, promql: string): Promise<number | undefined> {
  const [sample] = await queryInstant(url, promql);
  return sample ? Number(sample.value[1]) : undefined;
}

describe('Prometheus scrapes, evaluates rules, alerts and remote-writes', { timeout: 90_000 }, () => {
  let target: MetricsTarget;
  let vm: RunningVictoriaMetrics;
  let am: RunningServer;
  let prom: RunningPrometheus;
  let rulesDir: string;

  beforeAll(async () => {
    target = await serveMetrics(
      '# TYPE local_stack_test_orders_total counter\nlocal_stack_test_orders_total 42\n',
    );
    rulesDir = await mkdtemp(join(tmpdir(), 'bizmetrics-rules-'));
    const ruleFile = join(rulesDir, 'rules.yml');
    await writeFile(
      ruleFile,
      stringify({
        groups: [
          {
            name: 'local-stack-test',
            rules: [
              { record: 'local_stack_test:orders:doubled', expr: 'local_stack_test_orders_total * 2' },
              {
                alert: 'LocalStackTestOrdersSeen',
                expr: 'local_stack_test_orders_total > 0',
                labels: { team: 'shop' },
              },
            ],
          },
        ],
      }),
    );
    vm = await startVictoriaMetrics();
    am = await startAlertmanager();
    prom = await startPrometheus({
      scrapeTargets: [target.target],
      scrapeInterval: '1s',
      evaluationInterval: '1s',
      ruleFiles: [ruleFile],
      alertmanagerUrl: am.url,
      remoteWriteUrl: vm.remoteWriteUrl,
    });
  }, 60_000);

  afterAll(async () => {
    const pids = [prom?.pid, am?.pid, vm?.pid];
    await prom?.stop();
    await am?.stop();
    await vm?.stop();
    await target?.close();
    await rm(rulesDir, { recursive: true, force: true });
    for (const pid of pids) if (pid) expect(isAlive(pid)).toBe(false);
  });

  it('generates a config that promtool check config accepts', async () => {
    expect(await checkPrometheusConfig(prom.configPath)).toMatch(/SUCCESS/);
  });

  it('scrapes a target and answers queries about it, with job and instance labels', async () => {
    expect(
      await eventually(async () => (await value(prom.url, 'local_stack_test_orders_total')) === 42),
    ).toBe(true);
    const [sample] = await queryInstant(prom.url, 'local_stack_test_orders_total');
    expect(sample?.metric).toEqual({
      __name__: 'local_stack_test_orders_total',
      job: 'bizmetrics',
      instance: target.target,
    });
  });

  it('sees a new value on the next scrape, over a query range', async () => {
    target.set('# TYPE local_stack_test_orders_total counter\nlocal_stack_test_orders_total 50\n');
    expect(
      await eventually(async () => (await value(prom.url, 'local_stack_test_orders_total')) === 50),
    ).toBe(true);
    const [series] = await queryRange(prom.url, 'local_stack_test_orders_total', {
      start: new Date(Date.now() - 60_000),
      end: new Date(),
      stepSeconds: 1,
    });
    const values = new Set(series?.values.map(([, v]) => v));
    expect(values).toEqual(new Set(['42', '50']));
  });

  it('evaluates the rule files it is given', async () => {
    expect(
      await eventually(async () => (await value(prom.url, 'local_stack_test:orders:doubled')) === 100),
    ).toBe(true);
  });

  it('sends firing alerts to Alertmanager', async () => {
    const received = await eventually(async () => {
      const res = await fetch(`${am.url}/api/v2/alerts`);
      const alerts = (await res.json()) as { labels: Record<string, string>; status: { state: string } }[];
      return alerts.some(
        (a) => a.labels['alertname'] === 'LocalStackTestOrdersSeen' && a.labels['team'] === 'shop',
      );
    });
    expect(received).toBe(true);
  });

  it('remote-writes the scraped series into VictoriaMetrics, labels included', async () => {
    expect(await eventually(async () => (await value(vm.url, 'local_stack_test_orders_total')) === 50)).toBe(
      true,
    );
    const [sample] = await queryInstant(vm.url, 'local_stack_test_orders_total');
    expect(sample?.metric).toEqual({
      __name__: 'local_stack_test_orders_total',
      job: 'bizmetrics',
      instance: target.target,
    });
  });

  it('picks up edited rule files on reload(), and rejects a broken one with the reason', async () => {
    const ruleFile = join(rulesDir, 'rules.yml');
    const extra = { record: 'local_stack_test:orders:tripled', expr: 'local_stack_test_orders_total * 3' };
    const groups = (rules: unknown[]) => stringify({ groups: [{ name: 'local-stack-test', rules }] });
    await writeFile(ruleFile, groups([extra]));
    await prom.reload();
    expect(
      await eventually(async () => (await value(prom.url, 'local_stack_test:orders:tripled')) === 150),
    ).toBe(true);
    await writeFile(ruleFile, groups([{ record: 'broken', expr: 'sum(' }]));
    await expect(prom.reload()).rejects.toThrow(/prometheus reload failed \(500\)/);
  });

  it('rejects a bad query with the API error', async () => {
    await expect(queryInstant(prom.url, 'sum(')).rejects.toThrow(/query failed \(400\)/);
  });
});

describe('every config startPrometheus generates passes promtool check config', { timeout: 60_000 }, () => {
  const variants = {
    'no options': {},
    'scrape only': { scrapeTargets: ['127.0.0.1:9464'], scrapeInterval: '15s' },
    everything: {
      scrapeTargets: ['127.0.0.1:9464', '127.0.0.1:9465'],
      jobName: 'shop',
      scrapeInterval: '1s',
      evaluationInterval: '2s',
      alertmanagerUrl: 'http://127.0.0.1:9093',
      remoteWriteUrl: 'http://127.0.0.1:8428/api/v1/write',
    },
  };
  for (const [name, options] of Object.entries(variants)) {
    it(name, async () => {
      const prom = await startPrometheus(options);
      try {
        expect(await checkPrometheusConfig(prom.configPath)).toMatch(/SUCCESS/);
      } finally {
        await prom.stop();
      }
    });
  }

  it('rejects a broken config with promtool output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bizmetrics-badconfig-'));
    try {
      const path = join(dir, 'prometheus.yml');
      await writeFile(path, stringify({ global: { scrape_interval: 'soon' } }));
      await expect(checkPrometheusConfig(path)).rejects.toThrow(/FAILED/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
