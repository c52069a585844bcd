import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** The tools the local stack runs. */
export type StackTool =
  | 'prometheus'
  | 'promtool'
  | 'alertmanager'
  | 'amtool'
  | 'victoria-metrics'
  | 'vmalert'
  | 'otelcol';

/** The repository root (this file is deploy/local/src/binaries.ts). */
export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
/** Where `pnpm stack:install` puts the binaries. */
export const STACK_BIN = join(process.env['STACK_DIR'] ?? join(REPO_ROOT, '.stack'), 'bin');

/** The path of a tool, from `.stack/bin` or else the PATH; undefined when neither has it. */
export function findStackBin(name: StackTool): string | undefined {
  const dirs = [STACK_BIN, ...(process.env['PATH'] ?? '').split(delimiter)];
  return dirs.map((d) => join(d, name)).find((p) => existsSync(p));
}

/** The path of a tool; throws an error that says how to install it. */
export function stackBin(name: StackTool): string {
  const found = findStackBin(name);
  if (!found)
    throw new Error(
      `${name} is not installed: run \`corepack pnpm stack:install\` (installs into .stack/bin)`,
    );
  return found;
}

/** True when every tool of the stack is installed. */
export function stackAvailable(): boolean {
  return (['prometheus', 'promtool', 'alertmanager', 'victoria-metrics', 'otelcol'] as const).every((t) =>
    findStackBin(t),
  );
}
