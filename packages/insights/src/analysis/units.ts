/**
 * How a metric's values read to people: `seconds` (shown as ms below one second), `ratio`
 * (shown as percentage points), or any other unit word shown as is (`req/s`, `EUR`, …).
 */
export type MetricUnit = 'seconds' | 'ratio' | (string & {});

/**
 * A change of `delta` in a metric's own unit, as people read it: `+100 ms`, `+2.5 percentage
 * points`; with `bare`, the number alone in the displayed unit (`+2.5`).
 */
export function formatChange(delta: number, unit: MetricUnit | undefined, bare = false): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const size = Math.abs(delta);
  const [shown, word] = display(size, unit);
  return `${sign}${round(shown)}${bare || !word ? '' : ` ${word}`}`;
}

function display(size: number, unit: MetricUnit | undefined): [number, string] {
  if (unit === 'seconds') return size < 1 ? [size * 1000, 'ms'] : [size, 's'];
  if (unit === 'ratio') return [size * 100, 'percentage points'];
  return [size, unit ?? ''];
}

/** A value in a metric's own unit, as people read it: `250 ms`, `3.1%`. */
export function formatValue(value: number, unit: MetricUnit | undefined): string {
  if (!Number.isFinite(value)) return String(value);
  if (unit === 'seconds') return Math.abs(value) < 1 ? `${round(value * 1000)} ms` : `${round(value)} s`;
  if (unit === 'ratio') return `${round(value * 100)}%`;
  return `${round(value)}${unit ? ` ${unit}` : ''}`;
}

/** A round step (1, 2 or 5 times a power of ten) close to `spread`, for "per +X" impact figures. */
export function niceStep(spread: number): number {
  if (!(spread > 0) || !Number.isFinite(spread)) return 1;
  const power = 10 ** Math.floor(Math.log10(spread));
  const m = spread / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}

/** Three significant digits, without a trailing zero tail. */
export function round(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}
