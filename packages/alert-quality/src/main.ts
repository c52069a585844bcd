// `corepack pnpm --filter @bizmetrics/alert-quality alert-quality [--weeks N] [--seed N]`: prints the alert-quality table.
import { parseArgs } from 'node:util';
import { measureAlertQuality } from './quality/alert-quality.ts';
import { qualityTable } from './quality/table.ts';

const { values } = parseArgs({
  options: { weeks: { type: 'string', default: '5' }, seed: { type: 'string', default: '42' } },
});
const started = Date.now();
const quality = await measureAlertQuality({
  weeks: Number(values.weeks),
  seed: Number(values.seed),
  log: (l) => process.stderr.write(`${l}\n`),
});
process.stdout.write(`${qualityTable(quality)}\n`);
process.stderr.write(`done in ${Math.round((Date.now() - started) / 1000)} s\n`);
