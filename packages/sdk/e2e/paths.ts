import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  eventually,
  freePort,
  queryInstant,
  type RunningServer,
  startCollector,
  startPrometheus,
  startVictoriaMetrics,
  startVmalert,
} from '@bizmetrics/local-stack';
import type { CollectorOverlay } from '@bizmetrics/local-stack/support';
import { defaultConfig } from '@bizmetrics/rules';
import { buildModel } from '@bizmetrics/rules/model';
import { renderRulesFile } from '@bizmetrics/rules/render';
import { vectorToRecord } from './queries.ts';
import { type Service, startService } from './service.ts';

/**
 * The eight ways the workload's metrics reach a backend, each set up only by OTEL_* variables on the
 * service and the shipped configs on the collector. Every path gets its own backend, so the same
 * PromQL (unscoped) runs on each and must give the same numbers.
 */
export const PATH_TITLES = {
  a: 'SDK /metrics → Prometheus 3 scrape',
  'a+rw': 'SDK /metrics → Prometheus 3 scrape → remote_write → VictoriaMetrics',
  b: 'SDK OTLP http/protobuf → Prometheus 3 OTLP receiver',
  c: 'SDK OTLP http/protobuf → VictoriaMetrics',
  d: 'SDK OTLP → collector → prometheus exporter → Prometheus 3 scrape',
  'e-prom': 'SDK OTLP → collector → prometheus_remote_write → Prometheus 3 remote-write receiver',
  'e-vm': 'SDK OTLP → collector → prometheus_remote_write → VictoriaMetrics',
  f: 'SDK OTLP → collector → otlp_http → Prometheus 3 OTLP receiver',
  g: 'SDK OTLP/gRPC → collector → otlp_http → Prometheus 3 OTLP receiver',
} as const;
export type PathId = keyof typeof PATH_TITLES;

/** One path, running: the service that records, and the Prometheus-API URL its KPIs are read from. */
export interface RunningPath {
  readonly id: PathId;
  readonly service: Service;
  readonly queryUrl: string;
  readonly backend: 'prometheus' | 'victoriametrics';
  /** Makes what VictoriaMetrics ingested searchable now (no-op on Prometheus). */
  flush(): Promise<void>;
}

/** Everything the paths started, to stop in reverse order. */
export class Started {
  readonly servers: RunningServer[] = [];
  readonly services: Service[] = [];
  pids(): number[] {
    return [...this.servers.map((s) => s.pid), ...this.services.map((s) => s.child.pid!)];
  }
  async stopAll(): Promise<void> {
    for (const s of this.services) await s.terminate();
    for (const s of [...this.servers].reverse()) await s.stop();
  }
}

/**
 * The generated rules of the default KPI config (what `bizmetrics rules generate` writes), evaluated
 * every 2 s instead of every minute so the test sees them.
 */
export async function writeGeneratedRules(dir: string): Promise<string> {
  const file = join(dir, 'bizmetrics.rules.yaml');
  await writeFile(file, renderRulesFile(buildModel({ ...defaultConfig, interval: '2s' })));
  return file;
}

const pushEnv = (name: string, extra: Record<string, string>) => ({
  OTEL_METRICS_EXPORTER: 'otlp',
  OTEL_METRIC_EXPORT_INTERVAL: '1000',
  OTEL_SERVICE_NAME: name,
  ...extra,
});

/** Starts one path with its own backend; the rules file is loaded by its Prometheus or vmalert. */
export async function startPath(id: PathId, rulesFile: string, started: Started): Promise<RunningPath> {
  const server = <T extends RunningServer>(s: T) => {
    started.servers.push(s);
    return s;
  };
  const service = async (env: Record<string, string>) => {
    const s = await startService(env);
    started.services.push(s);
    return s;
  };
  const prometheus = (options: Parameters<typeof startPrometheus>[0]) =>
    startPrometheus({
      scrapeInterval: '1s',
      evaluationInterval: '2s',
      ruleFiles: [rulesFile],
      ...options,
    }).then(server);
  const victoria = async () => {
    const vm = server(await startVictoriaMetrics());
    server(
      await startVmalert({
        datasourceUrl: vm.url,
        remoteWriteUrl: vm.url,
        ruleFiles: [rulesFile],
        evaluationInterval: '2s',
      }),
    );
    return vm;
  };
  const collector = (overlay: CollectorOverlay, env: Record<string, string> = {}) =>
    startCollector({ overlay, env }).then(server);
  const onProm = (queryUrl: string, s: Service): RunningPath => ({
    id,
    service: s,
    queryUrl,
    backend: 'prometheus',
    flush: async () => {},
  });
  const onVm = (vm: Awaited<ReturnType<typeof victoria>>, s: Service): RunningPath => ({
    id,
    service: s,
    queryUrl: vm.url,
    backend: 'victoriametrics',
    flush: () => vm.flush(),
  });
  const scraped = async (name: string) => {
    const port = await freePort();
    const s = await service({
      OTEL_METRICS_EXPORTER: 'prometheus',
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(port),
      OTEL_SERVICE_NAME: name,
    });
    return { s, target: `127.0.0.1:${port}` };
  };

  switch (id) {
    case 'a': {
      const { s, target } = await scraped('shop-a');
      return onProm((await prometheus({ scrapeTargets: [target] })).url, s);
    }
    case 'a+rw': {
      const vm = await victoria();
      const { s, target } = await scraped('shop-a-rw');
      await prometheus({ scrapeTargets: [target], remoteWriteUrl: vm.remoteWriteUrl, ruleFiles: [] });
      return onVm(vm, s);
    }
    case 'b': {
      const prom = await prometheus({ otlpReceiver: true });
      const s = await service(
        pushEnv('shop-b', {
          OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: prom.otlpUrl,
          OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf',
        }),
      );
      return onProm(prom.url, s);
    }
    case 'c': {
      const vm = await victoria();
      const s = await service(
        pushEnv('shop-c', {
          OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: vm.otlpUrl,
          OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf',
        }),
      );
      return onVm(vm, s);
    }
    case 'd': {
      const col = await collector('prometheus');
      const prom = await prometheus({
        scrapeJobs: [{ jobName: 'otel-collector', targets: [col.prometheusTarget], honorLabels: true }],
      });
      const s = await service(pushEnv('shop-d', { OTEL_EXPORTER_OTLP_ENDPOINT: col.otlpHttpUrl }));
      return onProm(prom.url, s);
    }
    case 'e-prom': {
      const prom = await prometheus({ remoteWriteReceiver: true });
      const col = await collector('remote-write', {
        BIZMETRICS_REMOTE_WRITE_ENDPOINT: prom.remoteWriteReceiverUrl,
      });
      const s = await service(pushEnv('shop-e-prom', { OTEL_EXPORTER_OTLP_ENDPOINT: col.otlpHttpUrl }));
      return onProm(prom.url, s);
    }
    case 'e-vm': {
      const vm = await victoria();
      const col = await collector('remote-write', { BIZMETRICS_REMOTE_WRITE_ENDPOINT: vm.remoteWriteUrl });
      const s = await service(pushEnv('shop-e-vm', { OTEL_EXPORTER_OTLP_ENDPOINT: col.otlpHttpUrl }));
      return onVm(vm, s);
    }
    case 'f':
    case 'g': {
      const prom = await prometheus({ otlpReceiver: true });
      // The overlay's endpoint is a base URL: otlp_http appends /v1/metrics.
      const col = await collector('otlp-http', {
        BIZMETRICS_OTLP_EXPORT_ENDPOINT: prom.otlpUrl.replace(/\/v1\/metrics$/, ''),
      });
      const s = await service(
        id === 'f'
          ? pushEnv('shop-f', { OTEL_EXPORTER_OTLP_ENDPOINT: col.otlpHttpUrl })
          : pushEnv('shop-g', {
              OTEL_EXPORTER_OTLP_ENDPOINT: col.otlpGrpcUrl,
              OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
            }),
      );
      return onProm(prom.url, s);
    }
  }
}

/**
 * The business and self-metric series names a backend holds (`__name__` values), sorted. On every
 * path they must be exactly `promName()` and its histogram series.
 */
export async function seriesNames(path: RunningPath): Promise<string[]> {
  const res = await fetch(`${path.queryUrl}/api/v1/label/__name__/values`, {
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { data: string[] };
  return body.data.filter((n) => /^(business|bizmetrics)_/.test(n)).sort();
}

/**
 * The recording rules whose values do not depend on when a backend sampled: ratios and quantiles of
 * rates, where every series of one export shares its timestamps and grew by the same factor.
 */
export const TIMING_FREE_RULES = [
  'funnel:checkout_conversion:ratio_rate5m',
  'funnel:cart_abandonment:ratio_rate5m',
  'funnel:checkout_cart_view_to_shipping:ratio_rate5m',
  'funnel:checkout_shipping_to_payment:ratio_rate5m',
  'funnel:checkout_payment_to_review:ratio_rate5m',
  'funnel:checkout_review_to_confirmed:ratio_rate5m',
  'user_tier:session_duration_seconds:p95_rate1h',
  'feature:new_user_feature_adoption:share_rate1h',
] as const;

/** What the workload implies for {@link TIMING_FREE_RULES} (see queries.ts for the derivations). */
export const EXPECTED_RULES: Record<(typeof TIMING_FREE_RULES)[number], Record<string, number>> = {
  'funnel:checkout_conversion:ratio_rate5m': { '{funnel="checkout"}': 0.2 },
  'funnel:cart_abandonment:ratio_rate5m': { '{funnel="checkout"}': 0.8 },
  'funnel:checkout_cart_view_to_shipping:ratio_rate5m': { '{funnel="checkout"}': 0.6 },
  'funnel:checkout_shipping_to_payment:ratio_rate5m': { '{funnel="checkout"}': 4 / 6 },
  'funnel:checkout_payment_to_review:ratio_rate5m': { '{funnel="checkout"}': 3 / 4 },
  'funnel:checkout_review_to_confirmed:ratio_rate5m': { '{funnel="checkout"}': 2 / 3 },
  'user_tier:session_duration_seconds:p95_rate1h': {
    '{user_tier="free"}': 264,
    '{user_tier="premium"}': 1620,
  },
  'feature:new_user_feature_adoption:share_rate1h': { '{feature="wishlist"}': 1 },
};

/** Reads every timing-free recording rule's output; labels other than the rule's own are dropped. */
export async function readRules(path: RunningPath): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  for (const rule of TIMING_FREE_RULES) out[rule] = vectorToRecord(await queryInstant(path.queryUrl, rule));
  return out;
}

/** Waits until the recording rules hold the expected series (values compared by the caller). */
export async function waitForRules(path: RunningPath, timeoutMs = 60_000) {
  let last: Record<string, Record<string, number>> = {};
  const want = JSON.stringify(Object.values(EXPECTED_RULES).map((r) => Object.keys(r).sort()));
  const ok = await eventually(async () => {
    await path.flush();
    last = await readRules(path);
    return JSON.stringify(Object.values(last).map((r) => Object.keys(r).sort())) === want;
  }, timeoutMs);
  if (!ok)
    throw new Error(`path ${path.id}: recording rules never held every series: ${JSON.stringify(last)}`);
  return last;
}
