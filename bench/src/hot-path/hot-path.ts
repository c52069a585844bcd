import { interleave } from '../measure/interleave.ts';
import type { BenchOptions } from '../options.ts';
import type { Row } from '../report/row.ts';
import { BIZ, hotPathEvents, OTEL, PROM } from './contenders.ts';

/** ns per recorded event for each article event, interleaved per round, medians and paired ratios. */
export function hotPathRows(options: BenchOptions): Row[] {
  return hotPathEvents().map((event) => {
    const result = interleave(event.tasks, options);
    return {
      section: 'hot path',
      name: event.name,
      unit: 'ns/event',
      biz: result.nsPerOp.get(BIZ),
      otel: result.nsPerOp.get(OTEL),
      prom: result.nsPerOp.get(PROM),
      bizOverOtel: result.ratio(BIZ, OTEL),
      bizOverProm: result.ratio(BIZ, PROM),
    };
  });
}
