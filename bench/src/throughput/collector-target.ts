import { collectorConfigFiles, startCollector } from '@bizmetrics/local-stack';
import type { CollectorOverlay } from '@bizmetrics/local-stack/support';
import { type Progress, scrape, sumOf, type Target } from './target.ts';

/** Longest wait for the pipeline to empty: the shipped batch processor holds data up to 5 s. */
const DRAIN_TIMEOUT_MS = 30_000;

/** Options for {@link collectorTarget}. */
export interface CollectorTargetOptions {
  readonly overlay: CollectorOverlay;
  /** A config file merged after the shipped ones (for a comparison that is not a shipped config). */
  readonly extraConfig?: string;
  /** Variables the configs read, e.g. the remote-write endpoint. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Our collector build on the shipped configs (base + catalog + `overlay`), every endpoint on a free
 * 127.0.0.1 port. Progress is its own telemetry: points the OTLP receiver accepted, points the
 * exporter sent or failed to send, points the receiver refused (memory_limiter) or failed.
 */
export async function collectorTarget(options: CollectorTargetOptions): Promise<Target> {
  const { overlay, extraConfig } = options;
  const configFiles = [...collectorConfigFiles(overlay), ...(extraConfig ? [extraConfig] : [])];
  const collector = await startCollector({ configFiles, env: options.env ?? {} });
  const telemetry = `http://${collector.telemetryTarget}/metrics`;
  const progress = async (): Promise<Progress> => {
    const text = await scrape(telemetry);
    const refused =
      sumOf(text, 'otelcol_receiver_refused_metric_points') +
      sumOf(text, 'otelcol_receiver_failed_metric_points');
    const sendFailed = sumOf(text, 'otelcol_exporter_send_failed_metric_points');
    return {
      accepted: sumOf(text, 'otelcol_receiver_accepted_metric_points'),
      done: sumOf(text, 'otelcol_exporter_sent_metric_points') + sendFailed,
      failed: refused + sendFailed,
    };
  };
  return {
    pid: collector.pid,
    url: `${collector.otlpHttpUrl}/v1/metrics`,
    headers: {},
    temporality: 'cumulative',
    progress,
    async drained(from) {
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      for (;;) {
        const now = await progress();
        if (now.done - from.done >= now.accepted - from.accepted) return;
        if (Date.now() > deadline)
          throw new Error(
            `collector (${overlay}) still holds ${now.accepted - from.accepted - (now.done - from.done)} points after ${DRAIN_TIMEOUT_MS / 1000} s`,
          );
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: () => collector.stop(),
  };
}
