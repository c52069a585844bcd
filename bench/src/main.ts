import { FULL, QUICK } from './options.ts';
import { renderGoals } from './report/goals.ts';
import { describeMachine } from './report/machine.ts';
import { SECTIONS, type Section } from './report/row.ts';
import { renderTable } from './report/table.ts';
import { runBench } from './run.ts';

// `pnpm bench` prints the table of same-run figures and ratios; `--quick` is the CI smoke run.
// Section names after the flags run only those sections, e.g. `pnpm bench --quick throughput`.
const args = process.argv.slice(2);
const options = args.includes('--quick') ? QUICK : FULL;
const names = args.filter((a) => !a.startsWith('-')).map((a) => a.replaceAll('-', ' '));
const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
if (unknown.length > 0) {
  console.error(
    `bench: no section ${unknown.map((n) => `"${n}"`).join(', ')}; sections: ${SECTIONS.map((s) => s.replaceAll(' ', '-')).join(', ')}`,
  );
  process.exit(2);
}
const sections = names.length > 0 ? (names as Section[]) : SECTIONS;
const started = Date.now();
const rows = await runBench(options, (section) => process.stderr.write(`bench: ${section}…\n`), sections);
console.log(`bizmetrics bench (${options.quick ? 'quick' : 'full'}) on ${describeMachine()}\n`);
console.log(renderTable(rows));
console.log(`\nGoals (issue 19), from the rows above:\n\n${renderGoals(rows)}`);
console.log(
  `\nRatios are bizmetrics ÷ peer from the same run; took ${((Date.now() - started) / 1000).toFixed(0)} s.`,
);
