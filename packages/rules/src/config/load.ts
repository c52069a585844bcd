import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RulesConfig } from '../kpi/config.ts';
import { buildModel } from '../model/model.ts';
import { typeErrors } from './typecheck.ts';

/** A config file that is missing, does not load, does not type-check or has the wrong shape. */
export class ConfigLoadError extends Error {
  override name = 'ConfigLoadError';
}

/** Options for {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Type-check the file with the TypeScript compiler first, when it is installed (default true). */
  readonly typecheck?: boolean;
}

/**
 * Loads a KPI config from a TypeScript (or JavaScript) module exporting it as `default` or
 * `config`, checks it, and builds its model once so naming and window errors surface here.
 */
export async function loadConfig(file: string, options: LoadConfigOptions = {}): Promise<RulesConfig> {
  const path = resolve(file);
  if (!existsSync(path)) throw new ConfigLoadError(`config file ${file} does not exist`);
  if (options.typecheck ?? true) {
    const errors = await typeErrors(path);
    if (errors.length)
      throw new ConfigLoadError(
        `config file ${file} does not type-check:\n  ${errors.slice(0, 10).join('\n  ')}`,
      );
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigLoadError(`config file ${file} does not load: ${(error as Error).message}`);
  }
  const config = mod['default'] ?? mod['config'];
  const problem = shapeProblem(config);
  if (problem)
    throw new ConfigLoadError(
      `config file ${file} must export a RulesConfig as default or \`config\` (see defineConfig): ${problem}`,
    );
  try {
    buildModel(config as RulesConfig);
  } catch (error) {
    throw new ConfigLoadError(`config file ${file}: ${(error as Error).message}`);
  }
  return config as RulesConfig;
}

function shapeProblem(c: unknown): string | undefined {
  if (typeof c !== 'object' || c === null) return 'no such export';
  const o = c as Record<string, unknown>;
  if (typeof o['name'] !== 'string') return '`name` must be a string';
  if (!Array.isArray(o['kpis'])) return '`kpis` must be an array of KPIs (ratio(), rate(), …)';
  if (!Array.isArray(o['alerts'])) return '`alerts` must be an array of alert() definitions';
  const links = o['links'] as Record<string, unknown> | undefined;
  if (typeof links?.['runbookBase'] !== 'string' || typeof links['dashboard'] !== 'string')
    return '`links` needs `runbookBase` and `dashboard` URLs';
  const bad = (o['kpis'] as unknown[]).findIndex((k) => typeof (k as { kind?: unknown })?.kind !== 'string');
  if (bad >= 0) return `kpis[${bad}] is not a KPI`;
  return undefined;
}
