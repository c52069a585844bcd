import { existsSync } from 'node:fs';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { STACK_BIN, stackBin } from './binaries.ts';
import { type RunningServer, startServer, tempDir } from './process.ts';

/** Options for {@link startAlertmanager}. */
export interface AlertmanagerOptions {
  readonly port?: number;
  /** The Alertmanager configuration; default: one receiver that does nothing, grouped by alert and team. */
  readonly config?: Record<string, unknown>;
  readonly detached?: boolean;
}

/** The default configuration: alerts are kept (and visible in the API and UI), routed by team. */
export function defaultAlertmanagerConfig(): Record<string, unknown> {
  return {
    route: {
      receiver: 'default',
      group_by: ['alertname', 'team'],
      group_wait: '1s',
      group_interval: '5s',
      repeat_interval: '1h',
    },
    receivers: [{ name: 'default' }],
  };
}

/** Starts Alertmanager on 127.0.0.1 (cluster mode off) with a generated config. */
export async function startAlertmanager(options: AlertmanagerOptions = {}): Promise<RunningServer> {
  const dir = await tempDir('alertmanager');
  const configPath = join(dir, 'alertmanager.yml');
  await writeFile(configPath, stringify(options.config ?? defaultAlertmanagerConfig()));
  // Debian's build, as installed by stack:install, reads its templates from its working directory.
  const templates = join(STACK_BIN, '..', 'alertmanager-templates');
  if (existsSync(templates)) await cp(templates, dir, { recursive: true });
  return startServer({
    name: 'alertmanager',
    bin: stackBin('alertmanager'),
    args: (port) => [
      `--config.file=${configPath}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    port: options.port,
    dir,
    readyPath: '/-/ready',
    detached: options.detached ?? false,
  });
}
