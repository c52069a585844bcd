import { startCollector } from '@bizmetrics/local-stack';
import { findStackBin, type ScrapeJob } from '@bizmetrics/local-stack/support';
import { portOr } from './ports.ts';

/** How the shop's metrics reach Prometheus (`--via`): its own /metrics scraped, or OTLP through our collector. */
export const METRICS_PATHS = ['scrape', 'collector'] as const;
export type MetricsPathName = (typeof METRICS_PATHS)[number];

/** One metrics path, ready for the shop: how to configure it, and where its series can be read. */
export interface MetricsPath {
  readonly name: MetricsPathName;
  /** The shop's `OTEL_*` exporter variables for this path. */
  readonly shopEnv: Readonly<Record<string, string>>;
  /** The Prometheus scrape job that collects the shop's series on this path. */
  readonly scrapeJob: ScrapeJob;
  /** A `/metrics` with the shop's series (the shop's own or the collector's), read when there is no Prometheus. */
  readonly metricsUrl: string;
  /** `[name, url]` rows for the view, after the shop's. */
  readonly urls: readonly [string, string][];
  /** Processes this path started, by name (the collector). */
  readonly pids: Readonly<Record<string, number>>;
  /** One line for the view, e.g. `shop → OTLP → collector → Prometheus`. */
  describe(prometheus: boolean): string;
  stop(): Promise<void>;
}

const NO_PROMETHEUS = '← read by the demo (no Prometheus)';

/** Prepares a path before the shop starts: a free port for its /metrics, or a running collector. */
export function startMetricsPath(name: MetricsPathName, log: (line: string) => void): Promise<MetricsPath> {
  return name === 'collector' ? startCollectorPath(log) : startScrapePath();
}

async function startScrapePath(): Promise<MetricsPath> {
  const target = `127.0.0.1:${await portOr(9464)}`;
  const metricsUrl = `http://${target}/metrics`;
  return {
    name: 'scrape',
    shopEnv: {
      OTEL_METRICS_EXPORTER: 'prometheus',
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: target.split(':')[1]!,
    },
    scrapeJob: { jobName: 'shop', targets: [target] },
    metricsUrl,
    urls: [['metrics', metricsUrl]],
    pids: {},
    describe: (prometheus) => `shop /metrics ${prometheus ? '← Prometheus scrape' : NO_PROMETHEUS}`,
    stop: async () => {},
  };
}

/**
 * Our collector build with the shipped configs and the `prometheus` exporter overlay. The shop pushes
 * OTLP/HTTP every 5 s; Prometheus scrapes the exporter with `honor_labels`, so the series keep the
 * `job="shop"` the exporter derives from `service.name`, as on the scrape path.
 */
async function startCollectorPath(log: (line: string) => void): Promise<MetricsPath> {
  // Checked before anything starts, so the demo fails with this one line and nothing to stop.
  if (!findStackBin('otelcol'))
    throw new Error('--via collector needs our collector build: run `corepack pnpm stack:install`');
  log('starting our collector with the prometheus exporter overlay …');
  const collector = await startCollector({ overlay: 'prometheus' });
  const metricsUrl = `http://${collector.prometheusTarget}/metrics`;
  return {
    name: 'collector',
    shopEnv: {
      OTEL_METRICS_EXPORTER: 'otlp',
      // The collector's receiver speaks OTLP/HTTP here, whatever the caller's environment says.
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.otlpHttpUrl,
      OTEL_METRIC_EXPORT_INTERVAL: '5000',
    },
    scrapeJob: { jobName: 'collector', targets: [collector.prometheusTarget], honorLabels: true },
    metricsUrl,
    urls: [
      ['collector', collector.otlpHttpUrl],
      ['metrics', metricsUrl],
    ],
    pids: { collector: collector.pid },
    describe: (prometheus) =>
      prometheus
        ? 'shop → OTLP → collector → Prometheus'
        : `shop → OTLP → collector /metrics ${NO_PROMETHEUS}`,
    stop: () => collector.stop(),
  };
}
