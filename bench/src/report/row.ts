/** The table's sections, in print order. */
export const SECTIONS = ['hot path', 'collection', 'memory', 'browser', 'throughput'] as const;
export type Section = (typeof SECTIONS)[number];

/** One line of the table: the three contenders' figures in one unit, and ratios from the same run. */
export interface Row {
  readonly section: Section;
  readonly name: string;
  readonly unit: string;
  readonly biz?: number;
  readonly otel?: number;
  readonly prom?: number;
  /** bizmetrics ÷ raw OTel; paired per round where the section interleaves, else from the figures. */
  readonly bizOverOtel?: number;
  /** bizmetrics ÷ prom-client, likewise. */
  readonly bizOverProm?: number;
  readonly note?: string;
}

/** Fills in ratios the section did not pair itself, from the row's own figures. */
export function withRatios(row: Row): Row {
  const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined && b > 0 ? a / b : undefined);
  return {
    ...row,
    bizOverOtel: row.bizOverOtel ?? ratio(row.biz, row.otel),
    bizOverProm: row.bizOverProm ?? ratio(row.biz, row.prom),
  };
}
