import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  eventually,
  queryInstant,
  type RunningServer,
  type RunningVictoriaMetrics,
  startAlertmanager,
  startVictoriaMetrics,
  startVmalert,
} from '../src/index.ts';

describe('vmalert evaluates Prometheus rule files against VictoriaMetrics', { timeout: 60_000 }, () => {
  let vm: RunningVictoriaMetrics;
  let am: RunningServer;
  let vmalert: RunningServer;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bizmetrics-vmalert-rules-'));
    const rules = join(dir, 'rules.yml');
    await writeFile(
      rules,
      stringify({
        groups: [
          {
            name: 'vmalert-test',
            rules: [
              { record: 'vmalert_test:orders:doubled', expr: 'sum(vmalert_test_orders_total) * 2' },
              {
                alert: 'VmalertTestOrders',
                expr: 'sum(vmalert_test_orders_total) > 0',
                labels: { team: 'shop' },
              },
            ],
          },
        ],
      }),
    );
    vm = await startVictoriaMetrics();
    // One sample via the Prometheus text import API.
    const res = await fetch(`${vm.url}/api/v1/import/prometheus`, {
      method: 'POST',
      body: 'vmalert_test_orders_total 21\n',
    });
    expect(res.status).toBe(204);
    await vm.flush();
    am = await startAlertmanager();
    vmalert = await startVmalert({
      datasourceUrl: vm.url,
      remoteWriteUrl: vm.url,
      alertmanagerUrl: am.url,
      ruleFiles: [rules],
      evaluationInterval: '1s',
    });
  }, 60_000);

  afterAll(async () => {
    await vmalert?.stop();
    await am?.stop();
    await vm?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes recording-rule results back into VictoriaMetrics', async () => {
    const written = await eventually(async () => {
      await vm.flush();
      const [sample] = await queryInstant(vm.url, 'vmalert_test:orders:doubled');
      return sample?.value[1] === '42';
    }, 30_000);
    expect(written).toBe(true);
  });

  it('sends firing alerts to Alertmanager', async () => {
    const received = await eventually(async () => {
      const alerts = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as {
        labels: Record<string, string>;
      }[];
      return alerts.some((a) => a.labels['alertname'] === 'VmalertTestOrders' && a.labels['team'] === 'shop');
    }, 30_000);
    expect(received).toBe(true);
  });
});
