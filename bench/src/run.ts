import { browserRows } from './browser/bundle.ts';
import { collectionRows } from './collection/collection.ts';
import { hotPathRows } from './hot-path/hot-path.ts';
import { memoryRows } from './memory/memory.ts';
import type { BenchOptions } from './options.ts';
import { type Row, withRatios } from './report/row.ts';

/** Runs every section in turn (hot path first, on a quiet heap) and returns the table's rows. */
export async function runBench(
  options: BenchOptions,
  progress: (section: string) => void = () => {},
): Promise<Row[]> {
  progress('hot path');
  const hot = hotPathRows(options);
  progress('collection');
  const collection = await collectionRows(options);
  progress('memory');
  const memory = await memoryRows(options);
  progress('browser');
  const browser = await browserRows();
  return [...hot, ...collection, ...memory, ...browser].map(withRatios);
}
