import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  renderUxRulesFile,
  UxScoreConfigError,
  uxDashboard,
  uxScorePromtoolTests,
} from '@bizmetrics/rules/ux';
import type { Command } from 'commander';
import type { CommandIo } from './correlate.ts';

/** Flags of `bizmetrics ux`. */
export interface UxCliOptions {
  readonly out: string;
  readonly apdexThreshold?: string;
  readonly webVitals?: boolean;
}

/** Registers `bizmetrics ux`: the User Experience Score's rules, promtool tests and dashboard. */
export function registerUx(program: Command, io: CommandIo = processIo): void {
  program
    .command('ux')
    .description(
      'Write the User Experience Score: recording rules and alert, promtool tests (check with `rules test DIR`) and a Grafana dashboard',
    )
    .requiredOption(
      '--out <dir>',
      'output folder (rules/, tests/, dashboards/ as `rules generate` lays them out)',
    )
    .option('--apdex-threshold <seconds>', 'Apdex T; T and 4T must be bucket boundaries (default 0.25)')
    .option('--no-web-vitals', 'leave the browser LCP component out')
    .action(async (options: UxCliOptions) => {
      process.exitCode = await runUx(options, io);
    });
}

/** Runs the command; returns the exit code (0 written, 2 bad options). */
export async function runUx(options: UxCliOptions, io: CommandIo = processIo): Promise<number> {
  const threshold = options.apdexThreshold === undefined ? undefined : Number(options.apdexThreshold);
  const score = {
    apdexThresholdSeconds: threshold,
    webVitals: options.webVitals === false ? (false as const) : undefined,
  };
  try {
    const files = {
      'rules/ux.rules.yaml': renderUxRulesFile(score),
      'tests/ux.test.yaml': uxScorePromtoolTests('../rules/ux.rules.yaml', score),
      'dashboards/ux.json': `${JSON.stringify(uxDashboard(), null, 2)}\n`,
    };
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(options.out, path)), { recursive: true });
      await writeFile(join(options.out, path), content);
    }
    io.stdout(`wrote ${Object.keys(files).join(', ')} under ${options.out}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UxScoreConfigError)) throw error;
    io.stderr(`bizmetrics ux: --apdex-threshold: ${error.message}\n`);
    return 2;
  }
}

const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
