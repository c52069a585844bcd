import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findStackBin } from '@bizmetrics/local-stack/support';
import { defaultConfig, type RulesConfig } from '@bizmetrics/rules';
import { DEFAULT_HOLIDAYS, DEFAULT_INCIDENTS, type Holiday, type Incident } from '../simulate/incidents.ts';
import { writeOpenMetrics } from '../simulate/openmetrics.ts';
import { simulateShop } from '../simulate/shop.ts';
import { ARTICLE_ALERTS, type BenchAlert } from './article-rules.ts';
import { generatedAlerts, staticCandidates } from './generated-rules.ts';
import { serveHistory } from './prometheus.ts';
import { presenceOver, valuesOver } from './query.ts';
import { incidentWindow, type Score, type ScoredEpisode, score } from './score.ts';
import { type StaticSeries, tuneStatic } from './static-thresholds.ts';
import { firingEpisodes } from './timeline.ts';

const exec = promisify(execFile);
const WEEK = 604_800;
/** Weeks of history before the scored weeks: the baseline's median needs three. */
export const HISTORY_WEEKS = 3;

/** Options for {@link measureAlertQuality}. */
export interface AlertQualityOptions {
  /** Weeks simulated, history included (default 5: three of history, two scored). */
  readonly weeks?: number;
  readonly seed?: number;
  readonly incidents?: readonly Incident[];
  readonly holidays?: readonly Holiday[];
  readonly config?: RulesConfig;
  readonly log?: (line: string) => void;
}

/** Scores of the rule sets over the same simulated weeks. */
export interface AlertQuality {
  readonly generated: Score;
  readonly article: Score;
  /** Static thresholds tuned to page for nothing no more often than the generated rules. */
  readonly staticThresholds: Score;
  readonly scoredWeeks: number;
  readonly seed: number;
}

/**
 * Simulates weeks of shop traffic with incidents and a holiday, backfills them into a real
 * Prometheus with `promtool tsdb create-blocks-from openmetrics`, evaluates the rule sets at
 * one-minute steps over the weeks after the history (recording rules inlined), applies `for`, and
 * scores detections per incident class and false pages.
 */
export async function measureAlertQuality(options: AlertQualityOptions = {}): Promise<AlertQuality> {
  const log = options.log ?? (() => {});
  const weeks = options.weeks ?? HISTORY_WEEKS + 2;
  const seed = options.seed ?? 42;
  const incidents = options.incidents ?? DEFAULT_INCIDENTS;
  const config = options.config ?? defaultConfig;
  const promtool = findStackBin('promtool');
  if (!promtool || !findStackBin('prometheus'))
    throw new Error('promtool and prometheus are needed: corepack pnpm stack:install');
  const dir = await mkdtemp(join(tmpdir(), 'bizmetrics-quality-'));
  try {
    // Whole hours, ending three hours ago: the blocks never overlap Prometheus's head.
    const start = Math.floor(Date.now() / 3_600_000) * 3600 - weeks * WEEK - 3 * 3600;
    log(`simulating ${weeks} weeks (seed ${seed})`);
    const series = simulateShop({ weeks, seed, incidents, holidays: options.holidays ?? DEFAULT_HOLIDAYS });
    const om = join(dir, 'shop.om');
    await writeOpenMetrics(om, series, start);
    log('backfilling with promtool tsdb create-blocks-from openmetrics');
    await exec(
      promtool,
      ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=24h', om, join(dir, 'tsdb')],
      {
        maxBuffer: 1 << 26,
      },
    );
    await rm(om);
    const server = await serveHistory(join(dir, 'tsdb'));
    try {
      const from = start + HISTORY_WEEKS * WEEK;
      const to = start + weeks * WEEK - 60;
      const scored = incidents.filter((i) => start + i.startMinute * 60 >= from);
      const run = async (alerts: readonly BenchAlert[]) => {
        const episodes: ScoredEpisode[] = [];
        for (const a of alerts) {
          log(`  ${a.name}`);
          const presence = await presenceOver(server.url, a.expr, from, to);
          episodes.push(
            ...firingEpisodes(a.name, presence, a.forSeconds, 60).map((e) => ({ ...e, page: a.page })),
          );
        }
        return episodes;
      };
      log('evaluating the generated rules');
      const generatedEpisodes = await run(generatedAlerts(config));
      const generated = score(generatedEpisodes, scored, start);
      log("evaluating the article's rules");
      const article = score(await run(ARTICLE_ALERTS), scored, start);
      log('tuning static thresholds to the same false-page count');
      const staticSeries: StaticSeries[] = [];
      for (const rule of staticCandidates(config))
        for (const [labels, values] of await valuesOver(server.url, rule.expr, from, to))
          staticSeries.push({ rule, labels, values });
      const tuned = tuneStatic(
        staticSeries,
        scored.map((i) => incidentWindow(i, start)),
        from,
        generated.falsePages.length,
      );
      const staticThresholds = score(tuned.episodes, scored, start);
      return { generated, article, staticThresholds, scoredWeeks: (to + 60 - from) / WEEK, seed };
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
