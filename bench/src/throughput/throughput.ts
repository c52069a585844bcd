import { queryInstant, startVictoriaMetrics } from '@bizmetrics/local-stack';
import { roundOrder } from '../measure/order.ts';
import { median } from '../measure/stats.ts';
import type { BenchOptions } from '../options.ts';
import type { Row } from '../report/row.ts';
import { type Batches, buildBatches, type Encoding } from './batches.ts';
import { collectorTarget } from './collector-target.ts';
import { gatewayTarget } from './gateway-target.ts';
import { shippedBatchSize, shippedProcessors, withoutCatalogProcessors } from './pipeline.ts';
import { processCpuSeconds } from './process-cpu.ts';
import { type ExportCost, sdkExportCost } from './sdk-export.ts';
import { sendAll } from './send.ts';
import { CONTENT_TYPE, type Target } from './target.ts';

/** Different requests built up front; cycled, each with its own series (1,600 in all). */
const DISTINCT_BATCHES = 16;
/** Requests in flight at once from the load generator. */
const IN_FLIGHT = 8;

/** Who gets loaded: the gateway and the collector's `prometheus` overlay in both encodings, the rest in protobuf. */
type ContenderKey =
  | 'gatewayJson'
  | 'collectorJson'
  | 'gatewayProtobuf'
  | 'collectorProtobuf'
  | 'receiverProtobuf'
  | 'remoteWrite'
  | 'debug'
  | 'bare';

/** One process fed one encoding. */
interface Contender {
  readonly target: Target;
  readonly encoding: Encoding;
}

/** One measured round of one contender. */
interface Sample {
  readonly pointsPerCpuSecond: number;
  /** The target's CPU seconds per wall second of sending: cores it kept busy. */
  readonly cores: number;
  /** The sender's CPU seconds per wall second of sending. */
  readonly senderCores: number;
}

/**
 * Points per CPU-second (per core) through our collector build with the shipped configs and through
 * our browser gateway, on the same pre-encoded batches, plus the SDK's CPU per 1,000 series of one
 * OTLP http/protobuf export. Every process is started here and stopped by its own pid.
 */
export async function throughputRows(options: BenchOptions): Promise<Row[]> {
  const batches = await buildBatches(DISTINCT_BATCHES);
  const running: Array<{ stop(): Promise<void> }> = [];
  const started = async <T extends { stop(): Promise<void> }>(start: Promise<T>): Promise<T> => {
    const server = await start;
    running.push(server);
    return server;
  };
  try {
    const vm = await started(startVictoriaMetrics());
    const prometheus = await started(collectorTarget({ overlay: 'prometheus' }));
    const remoteWrite = await started(
      collectorTarget({
        overlay: 'remote-write',
        env: { BIZMETRICS_REMOTE_WRITE_ENDPOINT: vm.remoteWriteUrl },
      }),
    );
    const debug = await started(collectorTarget({ overlay: 'debug' }));
    const withoutCatalog = await withoutCatalogProcessors();
    running.push({ stop: withoutCatalog.remove });
    const bare = await started(collectorTarget({ overlay: 'debug', extraConfig: withoutCatalog.path }));
    // The collector's own OTLP receiver → prometheus exporter, as a plain collector would run it.
    const receiver = await started(
      collectorTarget({ overlay: 'prometheus', extraConfig: withoutCatalog.path }),
    );
    const gateway = await started(gatewayTarget(batches.pointsPerRequest));
    const contenders: Record<ContenderKey, Contender> = {
      gatewayJson: { target: gateway, encoding: 'json' },
      collectorJson: { target: prometheus, encoding: 'json' },
      gatewayProtobuf: { target: gateway, encoding: 'protobuf' },
      collectorProtobuf: { target: prometheus, encoding: 'protobuf' },
      receiverProtobuf: { target: receiver, encoding: 'protobuf' },
      remoteWrite: { target: remoteWrite, encoding: 'protobuf' },
      debug: { target: debug, encoding: 'protobuf' },
      bare: { target: bare, encoding: 'protobuf' },
    };
    const samples = await measureRounds(contenders, batches, options);
    // prometheus_remote_write counts points it drops (deltas, for one) as sent: check they arrived.
    await vm.flush();
    const stored = Number((await queryInstant(vm.url, 'count({__name__=~"business_.+"})'))[0]?.value[1] ?? 0);
    if (stored !== batches.promSeries)
      throw new Error(
        `remote-write: VictoriaMetrics holds ${stored} business series, not ${batches.promSeries}`,
      );
    const sdk = await sdkExportCost(prometheus.url, options.exportSeries, options.exportRepeats);
    return rows(samples, sdk, batches, options, withoutCatalog.removed);
  } finally {
    for (const server of running.reverse()) await server.stop();
  }
}

/**
 * Runs every contender for `throughputRequests` requests per round, in a seeded shuffled order per
 * round, after one unmeasured warm-up burst each (JIT, connection pools, the gateway's series).
 * Only one contender is loaded at a time; a collector's wait for its batch processor to flush (up to
 * 5 s) overlaps the next contender's load, and its CPU is read once everything it accepted has left.
 */
async function measureRounds<K extends string>(
  contenders: Readonly<Record<K, Contender>>,
  batches: Batches,
  options: BenchOptions,
): Promise<Record<K, Sample[]>> {
  const keys = Object.keys(contenders) as K[];
  // Whole multiples of the requests that fill one batch-processor send (82 × 100 points ≥ 8,192):
  // every burst leaves the batch processor empty, so no burst waits out its 5 s timeout.
  const perSend = Math.ceil(shippedBatchSize() / batches.pointsPerRequest);
  const whole = (n: number) => Math.ceil(n / perSend) * perSend;
  const samples = Object.fromEntries(keys.map((k) => [k, [] as Sample[]])) as Record<K, Sample[]>;
  const pending = new Map<Target, Promise<void>>();
  const burst = async (key: K, count: number, keep: boolean) => {
    const { target, encoding } = contenders[key];
    await pending.get(target);
    const before = await target.progress();
    const cpu = processCpuSeconds(target.pid);
    const sent = await sendAll(target.url, batches[target.temporality][encoding], {
      count,
      inFlight: IN_FLIGHT,
      headers: { ...target.headers, 'content-type': CONTENT_TYPE[encoding] },
    });
    const cpuWhileSending = processCpuSeconds(target.pid) - cpu;
    if (sent.failed.size > 0)
      throw new Error(
        `${key}: ${count - sent.ok} of ${count} requests failed (by status: ${[...sent.failed]})`,
      );
    const drained = (async () => {
      await target.drained(before);
      const used = processCpuSeconds(target.pid) - cpu;
      const after = await target.progress();
      const points = after.accepted - before.accepted;
      if (after.failed > before.failed || points !== count * batches.pointsPerRequest)
        throw new Error(
          `${key}: ${points} of ${count * batches.pointsPerRequest} points accepted, ${after.failed - before.failed} failed`,
        );
      if (keep)
        samples[key].push({
          pointsPerCpuSecond: points / used,
          cores: cpuWhileSending / sent.wallSeconds,
          senderCores: sent.senderCpuSeconds / sent.wallSeconds,
        });
    })();
    drained.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
    pending.set(target, drained);
  };
  for (const key of keys) await burst(key, whole(options.throughputWarmup), false);
  for (let round = 0; round < options.throughputRounds; round++)
    for (const key of roundOrder(keys, round)) await burst(key, whole(options.throughputRequests), true);
  await Promise.all(pending.values());
  return samples;
}

/** The section's rows: medians over rounds, ratios paired per round. */
function rows(
  samples: Record<ContenderKey, Sample[]>,
  sdk: ExportCost,
  batches: Batches,
  options: BenchOptions,
  catalogProcessors: readonly string[],
): Row[] {
  const rate = (s: Sample[]) => median(s.map((x) => x.pointsPerCpuSecond));
  const cores = (s: Sample[]) => median(s.map((x) => x.cores)).toFixed(2);
  const sender = (...all: Sample[][]) => Math.max(...all.flat().map((x) => x.senderCores)).toFixed(2);
  // Paired per round, like the hot path's ratios: gateway ÷ collector, higher is better for the gateway.
  const paired = (a: Sample[], b: Sample[]) =>
    median(a.map((x, i) => x.pointsPerCpuSecond / b[i]!.pointsPerCpuSecond));
  const unit = 'points/CPU-s';
  const side = (gateway: Sample[], collector: Sample[]) =>
    `gateway ÷ collector (higher: gateway does more per core); cores busy ${cores(gateway)} / ${cores(collector)}, sender ≤ ${sender(gateway, collector)}`;
  const alone = (s: Sample[], what: string) => `${what}; cores busy ${cores(s)}, sender ≤ ${sender(s)}`;
  const n = batches.pointsPerRequest;
  return [
    {
      section: 'throughput',
      name: `OTLP/HTTP JSON (the browser's encoding), ${n}-point batches → /metrics`,
      unit,
      biz: rate(samples.gatewayJson),
      otel: rate(samples.collectorJson),
      bizOverOtel: paired(samples.gatewayJson, samples.collectorJson),
      note: side(samples.gatewayJson, samples.collectorJson),
    },
    {
      section: 'throughput',
      name: `OTLP/HTTP protobuf, ${n}-point batches → /metrics`,
      unit,
      biz: rate(samples.gatewayProtobuf),
      otel: rate(samples.collectorProtobuf),
      bizOverOtel: paired(samples.gatewayProtobuf, samples.collectorProtobuf),
      note: side(samples.gatewayProtobuf, samples.collectorProtobuf),
    },
    {
      section: 'throughput',
      name: `OTLP/HTTP protobuf, ${n}-point batches → /metrics, collector without ${catalogProcessors.join(' and ')}`,
      unit,
      biz: rate(samples.gatewayProtobuf),
      otel: rate(samples.receiverProtobuf),
      bizOverOtel: paired(samples.gatewayProtobuf, samples.receiverProtobuf),
      note: `${side(samples.gatewayProtobuf, samples.receiverProtobuf)}; the collector's OTLP receiver → prometheus exporter alone (not shipped)`,
    },
    {
      section: 'throughput',
      name: `OTLP/HTTP protobuf → prometheus_remote_write into VictoriaMetrics`,
      unit,
      otel: rate(samples.remoteWrite),
      note: alone(samples.remoteWrite, "collector's CPU only; the gateway has no remote-write"),
    },
    {
      section: 'throughput',
      name: `OTLP/HTTP protobuf → debug exporter (basic): the pipeline's floor`,
      unit,
      otel: rate(samples.debug),
      note: alone(samples.debug, `otlp → ${shippedProcessors().join(', ')} → debug`),
    },
    {
      section: 'throughput',
      name: `OTLP/HTTP protobuf → debug, without ${catalogProcessors.join(' and ')} (not shipped)`,
      unit,
      otel: rate(samples.bare),
      note: alone(samples.bare, 'what the catalog processors cost'),
    },
    {
      section: 'throughput',
      name: `SDK export: collect + OTLP http/protobuf POST, ${options.exportSeries.toLocaleString('en-US')} series`,
      unit: 'CPU ms/1k series',
      biz: sdk.biz,
      otel: sdk.otel,
      bizOverOtel: sdk.bizOverOtel,
      note: 'to the collector; prom-client has no OTLP',
    },
  ];
}
