import { BASELINE_LABEL } from './baseline-rules.ts';

/**
 * A Go template that runs `query` on a recorded series narrowed to the alert's labels and renders
 * `body` with the first sample as `.` (nothing when the query returns nothing).
 */
export function queryTemplate(record: string, by: readonly string[], body: string): string {
  const q = by.length
    ? `printf ${JSON.stringify(`${record}{${by.map((l) => `${l}=%q`).join(', ')}}`)} ${by.map((l) => `$labels.${l}`).join(' ')} | query`
    : `query ${JSON.stringify(record)}`;
  return `{{ with ${q} }}{{ with . | first }}${body}{{ end }}{{ end }}`;
}

/** The `baseline` annotation: which tier of history the alert compared with, read from the baseline series. */
export function baselineAnnotations(baselineRecord: string, by: readonly string[]): Record<string, string> {
  return {
    baseline: queryTemplate(baselineRecord, by, `{{ label ${JSON.stringify(BASELINE_LABEL)} . }}`),
  };
}
