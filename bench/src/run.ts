import { browserRows } from './browser/bundle.ts';
import { collectionRows } from './collection/collection.ts';
import { hotPathRows } from './hot-path/hot-path.ts';
import { memoryRows } from './memory/memory.ts';
import type { BenchOptions } from './options.ts';
import { type Row, SECTIONS, type Section, withRatios } from './report/row.ts';
import { throughputRows } from './throughput/throughput.ts';

const RUNNERS: Record<Section, (options: BenchOptions) => Row[] | Promise<Row[]>> = {
  'hot path': hotPathRows,
  collection: collectionRows,
  memory: memoryRows,
  browser: () => browserRows(),
  throughput: throughputRows,
};

/**
 * Runs the chosen sections (default: all) in table order — hot path first, on a quiet heap;
 * throughput last, since it starts the collector, VictoriaMetrics and the gateway — and returns
 * the table's rows.
 */
export async function runBench(
  options: BenchOptions,
  progress: (section: string) => void = () => {},
  sections: readonly Section[] = SECTIONS,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const section of SECTIONS.filter((s) => sections.includes(s))) {
    progress(section);
    rows.push(...(await RUNNERS[section](options)));
  }
  return rows.map(withRatios);
}
