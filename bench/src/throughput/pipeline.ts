import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@bizmetrics/local-stack';

const base = () => readFileSync(join(REPO_ROOT, 'collector', 'base.yaml'), 'utf8');

/** The shipped metrics pipeline's processors, in order, as `collector/base.yaml` lists them. */
export function shippedProcessors(): string[] {
  // The pipeline's list is the only flow-style `processors: [...]` in the file.
  const list = /^\s+processors:\s*\[([^\]]*)\]/m.exec(base())?.[1];
  if (!list) throw new Error('collector/base.yaml: no `processors: [...]` list in the metrics pipeline');
  return list.split(',').map((p) => p.trim());
}

/**
 * The shipped batch processor's `send_batch_size`. It sends everything it holds once it holds at
 * least this many points, and the rest only after its timeout (5 s).
 */
export function shippedBatchSize(): number {
  const size = Number(/^\s+send_batch_size:\s*(\d+)/m.exec(base())?.[1]);
  if (!(size > 0)) throw new Error('collector/base.yaml: no batch processor send_batch_size');
  return size;
}

/** A config merged after the shipped ones that drops some processors from the pipeline. */
export interface PipelineOverlay {
  readonly path: string;
  readonly removed: readonly string[];
  remove(): Promise<void>;
}

/**
 * Writes a temporary overlay whose pipeline keeps the shipped processors except the catalog's
 * (`…/catalog`): NOT a shipped config, only there to show what the catalog processors cost.
 * Lists replace lists across `--config` files, so this list is the whole pipeline.
 */
export async function withoutCatalogProcessors(): Promise<PipelineOverlay> {
  const shipped = shippedProcessors();
  const kept = shipped.filter((p) => !p.endsWith('/catalog'));
  const dir = await mkdtemp(join(tmpdir(), 'bizmetrics-bench-'));
  const path = join(dir, 'without-catalog.yaml');
  await writeFile(
    path,
    `# bench only: the shipped pipeline without its catalog processors\nservice:\n  pipelines:\n    metrics:\n      processors: [${kept.join(', ')}]\n`,
  );
  return {
    path,
    removed: shipped.filter((p) => !kept.includes(p)),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
