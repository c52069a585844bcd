import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RulesConfig } from '../kpi/config.ts';
import { defaultConfig } from '../kpi/default-config.ts';
import { durationSeconds } from '../kpi/window.ts';
import { buildModel } from '../model/model.ts';
import { inline, render } from '../model/promql.ts';
import { findTool } from '../promtool/locate.ts';
import { DEFAULT_INCIDENTS, type Incident } from '../simulate/incidents.ts';
import { writeOpenMetrics } from '../simulate/openmetrics.ts';
import { simulateShop } from '../simulate/shop.ts';
import { ARTICLE_ALERTS, type BenchAlert } from './article-rules.ts';
import { serveHistory } from './prometheus.ts';
import { presenceOver } from './query.ts';
import { type Score, score } from './score.ts';
import { firingEpisodes } from './timeline.ts';

const exec = promisify(execFile);
const WEEK = 604_800;

/** Options for {@link measureAlertQuality}. */
export interface AlertQualityOptions {
  readonly weeks?: number;
  readonly seed?: number;
  readonly incidents?: readonly Incident[];
  readonly config?: RulesConfig;
  readonly log?: (line: string) => void;
}

/** Scores of the article's rules and the generated ones over the same simulated weeks. */
export interface AlertQuality {
  readonly article: Score;
  readonly generated: Score;
  readonly evaluatedDays: number;
}

/** The generated alerting rules as raw-series expressions (recording rules inlined). */
export function generatedAlerts(config: RulesConfig): BenchAlert[] {
  return buildModel(config).alerting.rules.map((r) => ({
    name: r.alert,
    expr: render(inline(r.expr)),
    forSeconds: durationSeconds(r.for),
  }));
}

/**
 * Simulates weeks of shop traffic with incidents, backfills them into a real Prometheus with
 * `promtool tsdb create-blocks-from openmetrics`, evaluates both rule sets at one-minute steps
 * over every week but the first (the baseline), applies `for`, and scores detections and false alerts.
 */
export async function measureAlertQuality(options: AlertQualityOptions = {}): Promise<AlertQuality> {
  const log = options.log ?? (() => {});
  const weeks = options.weeks ?? 3;
  const incidents = options.incidents ?? DEFAULT_INCIDENTS;
  const promtool = findTool('promtool');
  const prometheus = findTool('prometheus');
  if (!promtool || !prometheus)
    throw new Error('promtool and prometheus are needed: run deploy/local/install.sh');
  const dir = await mkdtemp(join(tmpdir(), 'bizmetrics-quality-'));
  try {
    // Whole hours, ending three hours ago: the blocks never overlap Prometheus's head.
    const start = Math.floor(Date.now() / 3_600_000) * 3600 - weeks * WEEK - 3 * 3600;
    log(`simulating ${weeks} weeks (seed ${options.seed ?? 42})`);
    const series = simulateShop({ weeks, seed: options.seed ?? 42, incidents });
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
    const server = await serveHistory(prometheus, join(dir, 'tsdb'));
    try {
      const from = start + WEEK;
      const to = start + weeks * WEEK - 60;
      const run = async (alerts: readonly BenchAlert[]) => {
        const episodes = [];
        for (const a of alerts) {
          log(`  ${a.name}`);
          const presence = await presenceOver(server.url, a.expr, from, to);
          episodes.push(...firingEpisodes(a.name, presence, a.forSeconds, 60));
        }
        return score(
          episodes.sort((x, y) => x.firingFrom - y.firingFrom),
          incidents,
          start,
        );
      };
      log("evaluating the article's rules");
      const article = await run(ARTICLE_ALERTS);
      log('evaluating the generated rules');
      const generated = await run(generatedAlerts(options.config ?? defaultConfig));
      return { article, generated, evaluatedDays: ((weeks - 1) * WEEK) / 86_400 };
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
