import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { SimSeries } from './shop.ts';

const labelText = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');

/**
 * Writes simulated series as OpenMetrics text with timestamps, the input of
 * `promtool tsdb create-blocks-from openmetrics`. Minute 0 is `startSeconds`.
 */
export async function writeOpenMetrics(
  file: string,
  series: readonly SimSeries[],
  startSeconds: number,
): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const families = new Map<string, SimSeries[]>();
  for (const s of series) families.set(s.family, [...(families.get(s.family) ?? []), s]);
  for (const [family, members] of families) {
    await write(`# TYPE ${family} ${members[0]!.type}\n`);
    for (const s of members) {
      // Histograms carry only _count and _sum here (what the rules read), plus the +Inf bucket
      // OpenMetrics requires; counters their _total.
      const extra = s.type === 'histogram' && s.name.endsWith('_count') ? [`${family}_bucket`] : [];
      for (const name of [s.name, ...extra]) {
        const labels = labelText(name.endsWith('_bucket') ? { ...s.labels, le: '+Inf' } : s.labels);
        let chunk = '';
        for (let m = 0; m < s.values.length; m++) {
          chunk += `${name}{${labels}} ${s.values[m]} ${startSeconds + m * 60}\n`;
          if (chunk.length > 1 << 16) {
            await write(chunk);
            chunk = '';
          }
        }
        await write(chunk);
      }
    }
  }
  await write('# EOF\n');
  out.end();
  await once(out, 'finish');
}
