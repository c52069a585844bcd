import { FULL, QUICK } from './options.ts';
import { describeMachine } from './report/machine.ts';
import { renderTable } from './report/table.ts';
import { runBench } from './run.ts';

// `pnpm bench` prints the table of same-run figures and ratios; `--quick` is the CI smoke run.
const options = process.argv.includes('--quick') ? QUICK : FULL;
const started = Date.now();
const rows = await runBench(options, (section) => process.stderr.write(`bench: ${section}…\n`));
console.log(`bizmetrics bench (${options.quick ? 'quick' : 'full'}) on ${describeMachine()}\n`);
console.log(renderTable(rows));
console.log(
  `\nRatios are bizmetrics ÷ peer from the same run; took ${((Date.now() - started) / 1000).toFixed(0)} s.`,
);
