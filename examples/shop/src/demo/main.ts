// `pnpm demo`: the checkout shop, simulated shoppers, and (when installed) Prometheus and
// Alertmanager with the demo rules, in a live terminal view; the shop's metrics reach Prometheus by
// scrape or, with `--via collector`, as OTLP through our collector. See examples/shop/README.md.

import { isAlive } from '@bizmetrics/local-stack/support';
import { Command, InvalidArgumentError, Option } from 'commander';
import { INCIDENT_NAMES, type IncidentName } from '../shop/incidents.ts';
import { METRICS_PATHS, type MetricsPathName } from './metrics-path.ts';
import { runDemo } from './run.ts';

const seconds = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of seconds');
  return n;
};
const program = new Command('demo')
  .description('run the checkout shop with simulated traffic, KPIs and alerts')
  .addOption(
    new Option('--incident <name>', 'degrade the shop so that an alert fires').choices(INCIDENT_NAMES),
  )
  .addOption(
    new Option(
      '--via <path>',
      "how the shop's metrics reach Prometheus: its /metrics scraped, or OTLP through our collector",
    )
      .choices(METRICS_PATHS)
      .default('scrape'),
  )
  .option('--incident-after <seconds>', 'seconds of normal traffic before the incident', seconds, 60)
  .option('--for <seconds>', 'run without the live view for this long, then print a summary', seconds)
  .option('--rate <visitors/s>', 'mean visitors per second', seconds, 5)
  .option('--seed <n>', 'random seed of the traffic', seconds, 1)
  .option('--refresh <seconds>', 'seconds between two refreshes of the view', seconds, 3)
  .option('--no-stack', 'do not start Prometheus and Alertmanager even when installed')
  .parse();
const o = program.opts<{
  incident?: IncidentName;
  via: MetricsPathName;
  incidentAfter: number;
  for?: number;
  rate: number;
  seed: number;
  refresh: number;
  stack: boolean;
}>();

const summary = await runDemo({
  incident: o.incident,
  via: o.via,
  incidentAfterSeconds: o.incidentAfter,
  forSeconds: o.for,
  visitorsPerSecond: o.rate,
  seed: o.seed,
  stack: o.stack,
  refreshSeconds: o.refresh,
}).catch((error: unknown) => {
  // Everything started was stopped by runDemo; say what failed, without a stack trace.
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
const left = Object.entries(summary.pids).filter(([, pid]) => isAlive(pid));
console.log(
  [
    '',
    `demo summary: ${Math.round(summary.seconds)}s, ${summary.traffic.visits} visits, ${summary.traffic.orders} orders`,
    `alerts fired: ${summary.fired.length ? summary.fired.map((a) => a.name).join(', ') : 'none'}`,
    `processes stopped: ${Object.entries(summary.pids)
      .map(([name, pid]) => `${name} (pid ${pid})`)
      .join(', ')}${left.length ? `; STILL RUNNING: ${left.map(([n]) => n).join(', ')}` : ''}`,
  ].join('\n'),
);
process.exit(left.length ? 1 : 0);
