import { type RunningPrometheus, startPrometheus } from '@bizmetrics/local-stack';

/**
 * Starts the local stack's Prometheus on a TSDB folder of backfilled blocks, with no scrape
 * targets, a retention that keeps them and room for the long range queries of the scoring.
 */
export function serveHistory(dataDir: string): Promise<RunningPrometheus> {
  return startPrometheus({
    dataDir,
    extraArgs: ['--storage.tsdb.retention.time=400d', '--query.max-samples=200000000'],
  });
}
