import { existsSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';

/**
 * Finds a Prometheus tool: the `PROMTOOL` / `VMALERT` / `PROMETHEUS` / `AMTOOL` / `ALERTMANAGER` environment variable, then `.stack/bin` in
 * the working directory or any parent (where `deploy/local/install.sh` puts it), then the PATH.
 */
export function findTool(
  name: 'promtool' | 'vmalert' | 'prometheus' | 'amtool' | 'alertmanager',
  cwd = process.cwd(),
): string | undefined {
  const fromEnv = process.env[name.toUpperCase()];
  if (fromEnv) return fromEnv;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, '.stack', 'bin', name);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  return (process.env['PATH'] ?? '')
    .split(delimiter)
    .map((d) => join(d, name))
    .find((p) => existsSync(p));
}
