/**
 * Prometheus 3's `rate()` / `increase()` on a counter sampled once a minute, ported from
 * `extrapolatedRate` (promql/functions.go) so that generated tests and docs know to the minute when
 * an alert's expression turns true: the window is left-open `(t - w, t]`, the result is
 * extrapolated to the window's edges when the samples reach them (within 1.1 sample intervals), and
 * never below a counter's zero point.
 */
export function promRate(
  values: readonly number[],
  atMinute: number,
  windowMinutes: number,
  kind: 'rate' | 'increase',
): number | undefined {
  const first = Math.max(0, atMinute - windowMinutes + 1);
  const last = Math.min(atMinute, values.length - 1);
  if (last - first < 1) return undefined;
  let result = values[last]! - values[first]!;
  for (let m = first + 1; m <= last; m++) if (values[m]! < values[m - 1]!) result += values[m - 1]!;
  const rangeStart = (atMinute - windowMinutes) * 60;
  const rangeEnd = atMinute * 60;
  let durationToStart = first * 60 - rangeStart;
  let durationToEnd = rangeEnd - last * 60;
  const sampled = (last - first) * 60;
  const average = sampled / (last - first);
  const threshold = average * 1.1;
  if (durationToStart >= threshold) durationToStart = average / 2;
  if (result > 0 && values[first]! >= 0) {
    const durationToZero = sampled * (values[first]! / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  if (durationToEnd >= threshold) durationToEnd = average / 2;
  let factor = (sampled + durationToStart + durationToEnd) / sampled;
  if (kind === 'rate') factor /= windowMinutes * 60;
  return result * factor;
}
