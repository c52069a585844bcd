import { niceStep } from '../analysis/units.ts';

/** A linear map from a data interval onto a pixel interval, with round tick values. */
interface Scale {
  (value: number): number;
  readonly ticks: readonly number[];
}

const FONT = 'font-family="system-ui, sans-serif" font-size="11" fill="#444"';

/** Escapes text for SVG and HTML. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function scale(values: readonly number[], from: number, to: number): Scale {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const step = niceStep((hi - lo) / 5);
  const ticks: number[] = [];
  // Ticks as multiples of the step: adding the step repeatedly leaves a -5.55e-14 where 0 belongs.
  for (let i = Math.ceil(lo / step); i * step <= hi + step * 1e-9; i++)
    ticks.push(Number((i * step).toPrecision(12)));
  const f = ((v: number) => from + ((v - lo) / (hi - lo)) * (to - from)) as Scale;
  return Object.assign(f, { ticks });
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  readonly title: string;
  readonly points: readonly (readonly [number, number])[];
  readonly color: string;
  readonly format: (value: number) => string;
  /** Label of an x value; default the UTC date and time of a Unix timestamp. */
  readonly formatX?: (value: number) => string;
  /** A second line on the same axes (e.g. the other series' profile), dashed. */
  readonly second?: { readonly points: readonly (readonly [number, number])[]; readonly color: string };
  readonly width?: number;
  readonly height?: number;
}

/** A time series as an SVG line (broken at gaps longer than 1.5 × the typical step). */
export function lineChart(options: LineChartOptions): string {
  const { width = 860, height = 220, points } = options;
  const m = { left: 70, right: 16, top: 24, bottom: 28 };
  const x = scale(
    points.map((p) => p[0]),
    m.left,
    width - m.right,
  );
  const y = scale(
    [...points, ...(options.second?.points ?? [])].map((p) => p[1]),
    height - m.bottom,
    m.top,
  );
  const diffs = points
    .slice(1)
    .map((p, i) => p[0] - (points[i] as readonly [number, number])[0])
    .sort((a, b) => a - b);
  const step = diffs[Math.floor(diffs.length / 2)] ?? 0;
  let d = '';
  points.forEach(([t, v], i) => {
    const gap = i === 0 || t - (points[i - 1] as readonly [number, number])[0] > step * 1.5;
    d += `${gap ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`;
  });
  const timeTicks = evenTicks(
    points.map((p) => p[0]),
    6,
  );
  return svg(width, height, [
    `<text x="${m.left}" y="14" ${FONT} font-weight="600">${escapeXml(options.title)}</text>`,
    ...y.ticks.map(
      (t) =>
        `<line x1="${m.left}" x2="${width - m.right}" y1="${y(t)}" y2="${y(t)}" stroke="#eee"/><text x="${m.left - 6}" y="${y(t) + 4}" text-anchor="end" ${FONT}>${escapeXml(options.format(t))}</text>`,
    ),
    ...timeTicks.map((t, i) => {
      const anchor = i === 0 ? 'start' : i === timeTicks.length - 1 ? 'end' : 'middle';
      return `<text x="${x(t)}" y="${height - 8}" text-anchor="${anchor}" ${FONT}>${escapeXml((options.formatX ?? timeLabel)(t))}</text>`;
    }),
    `<path d="${d}" fill="none" stroke="${options.color}" stroke-width="1.4"/>`,
    ...(options.second
      ? [
          `<path d="${options.second.points.map(([t, v], i) => `${i === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join('')}" fill="none" stroke="${options.second.color}" stroke-width="1.4" stroke-dasharray="4 3"/>`,
        ]
      : []),
  ]);
}

/** Options of {@link scatterChart}. */
export interface ScatterChartOptions {
  readonly title: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly fit: { readonly slope: number; readonly intercept: number };
  readonly formatX: (value: number) => string;
  readonly formatY: (value: number) => string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly width?: number;
  readonly height?: number;
}

/** Pairs as an SVG scatter plot with the least-squares line. */
export function scatterChart(options: ScatterChartOptions): string {
  const { width = 860, height = 400 } = options;
  const m = { left: 70, right: 16, top: 24, bottom: 44 };
  const x = scale(options.x, m.left, width - m.right);
  const y = scale(options.y, height - m.bottom, m.top);
  const [x0, x1] = [Math.min(...options.x), Math.max(...options.x)];
  const line = (v: number) => options.fit.intercept + options.fit.slope * v;
  const fitLine = Number.isFinite(options.fit.slope)
    ? `<line x1="${x(x0)}" y1="${y(line(x0))}" x2="${x(x1)}" y2="${y(line(x1))}" stroke="#d62728" stroke-width="2"/>`
    : '';
  return svg(width, height, [
    `<text x="${m.left}" y="14" ${FONT} font-weight="600">${escapeXml(options.title)}</text>`,
    ...y.ticks.map(
      (t) =>
        `<line x1="${m.left}" x2="${width - m.right}" y1="${y(t)}" y2="${y(t)}" stroke="#eee"/><text x="${m.left - 6}" y="${y(t) + 4}" text-anchor="end" ${FONT}>${escapeXml(options.formatY(t))}</text>`,
    ),
    ...x.ticks.map(
      (t) =>
        `<text x="${x(t)}" y="${height - 26}" text-anchor="middle" ${FONT}>${escapeXml(options.formatX(t))}</text>`,
    ),
    `<text x="${(m.left + width - m.right) / 2}" y="${height - 6}" text-anchor="middle" ${FONT}>${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(12 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle" ${FONT}>${escapeXml(options.yLabel)}</text>`,
    `<g fill="#1f77b4" fill-opacity="0.35">${options.x.map((v, i) => `<circle cx="${x(v).toFixed(1)}" cy="${y(options.y[i] ?? 0).toFixed(1)}" r="2.2"/>`).join('')}</g>`,
    fitLine,
  ]);
}

/** Options of {@link barChart}. */
export interface BarChartOptions {
  readonly title: string;
  readonly bars: readonly { readonly label: string; readonly value: number; readonly highlight?: boolean }[];
  /** |r| below which a single lag is not significant: drawn as a shaded band around zero. */
  readonly band?: number;
  readonly width?: number;
  readonly height?: number;
}

/** Values in [-1, 1] as vertical bars around a zero line (Pearson's r by lag). */
export function barChart(options: BarChartOptions): string {
  const { width = 860, height = 200, bars } = options;
  const m = { left: 70, right: 16, top: 24, bottom: 28 };
  const y = (v: number) => m.top + ((1 - v) / 2) * (height - m.top - m.bottom);
  const slot = (width - m.left - m.right) / Math.max(1, bars.length);
  const parts = bars.map((b, i) => {
    const x = m.left + i * slot + slot * 0.15;
    const v = Number.isFinite(b.value) ? b.value : 0;
    const top = Math.min(y(v), y(0));
    const fill = b.highlight ? '#d62728' : '#9ab';
    const label =
      bars.length <= 31 || i % 2 === 0
        ? `<text x="${x + slot * 0.35}" y="${height - 10}" text-anchor="middle" ${FONT}>${escapeXml(b.label)}</text>`
        : '';
    return `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${Math.abs(y(v) - y(0)).toFixed(1)}" fill="${fill}"/>${label}`;
  });
  const band =
    options.band !== undefined && Number.isFinite(options.band)
      ? `<rect x="${m.left}" y="${y(Math.min(1, options.band)).toFixed(1)}" width="${width - m.left - m.right}" height="${(y(-Math.min(1, options.band)) - y(Math.min(1, options.band))).toFixed(1)}" fill="#f2e6c9"/>`
      : '';
  return svg(width, height, [
    `<text x="${m.left}" y="14" ${FONT} font-weight="600">${escapeXml(options.title)}</text>`,
    band,
    ...[1, 0.5, 0, -0.5, -1].map(
      (t) =>
        `<line x1="${m.left}" x2="${width - m.right}" y1="${y(t)}" y2="${y(t)}" stroke="${t === 0 ? '#999' : '#eee'}"/><text x="${m.left - 6}" y="${y(t) + 4}" text-anchor="end" ${FONT}>${t}</text>`,
    ),
    ...parts,
  ]);
}

function svg(width: number, height: number, parts: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">${parts.join('')}</svg>`;
}

function evenTicks(values: readonly number[], count: number): number[] {
  if (values.length === 0) return [];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return Array.from({ length: count }, (_, i) => lo + ((hi - lo) * i) / (count - 1));
}

function timeLabel(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(5, 16).replace('T', ' ');
}
