import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { BIZ, hotPathEvents, OTEL, PROM } from '../hot-path/contenders.ts';
import { bizWithSeries, otelWithSeries } from '../setup/series.ts';
import { buildBatches } from '../throughput/batches.ts';
import { gatewayTarget } from '../throughput/gateway-target.ts';
import { sendAll } from '../throughput/send.ts';
import { CONTENT_TYPE } from '../throughput/target.ts';

// One contender alone, long enough for `node --cpu-prof` to see where its time goes:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --conditions=@bizmetrics/source bench/src/profile/run.ts hot-path bizmetrics
//   node … bench/src/profile/run.ts scrape bizmetrics
//   PROFILE_DIR=/tmp/prof node … bench/src/profile/run.ts gateway   (profiles the gateway process)
// then `node bench/src/profile/top.ts /tmp/prof/<file>.cpuprofile` prints the top frames.
const [what = 'hot-path', who = BIZ] = process.argv.slice(2);
// `bizmetrics-instruments`: the business API recording through OTel instruments, as before core
// owned its aggregation (what the first profile below the goals looked at).
const INSTRUMENTS = `${BIZ}-instruments`;
const contenders = [BIZ, OTEL, PROM, INSTRUMENTS];
if (!contenders.includes(who)) throw new Error(`contender must be one of ${contenders.join(', ')}`);

if (what === 'hot-path') {
  const events = hotPathEvents({ instruments: who === INSTRUMENTS });
  const name = who === INSTRUMENTS ? BIZ : who;
  for (const event of events) event.tasks.find((t) => t.name === name)!.run(2_000_000);
} else if (what === 'scrape') {
  if (who === PROM) throw new Error('scrape profiles bizmetrics or raw OTel');
  const setup = who === BIZ ? bizWithSeries(10_000) : otelWithSeries(10_000);
  const reader = setup.reader as PrometheusExporter;
  for (let i = 0; i < 200; i++)
    await new Promise<void>((resolve) =>
      reader.getMetricsRequestHandler({} as never, { setHeader() {}, end: () => resolve() } as never),
    );
} else if (what === 'gateway') {
  // The gateway process profiles itself (written when it exits) while this one sends protobuf batches.
  const dir = process.env['PROFILE_DIR'] ?? '/tmp/bizmetrics-gateway-profile';
  const batches = await buildBatches(16);
  const gateway = await gatewayTarget(batches.pointsPerRequest, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  try {
    const sent = await sendAll(gateway.url, batches.delta.protobuf, {
      count: 20_000,
      inFlight: 8,
      headers: { ...gateway.headers, 'content-type': CONTENT_TYPE.protobuf },
    });
    console.log(`gateway: ${sent.ok} requests answered 2xx; profile in ${dir}`);
  } finally {
    await gateway.stop();
  }
} else throw new Error('what must be hot-path, scrape or gateway');
