import { resolve } from 'node:path';
import {
  ConfigLoadError,
  defaultConfig,
  generateArtifacts,
  loadConfig,
  RulesConfigError,
  verifyRulesDir,
  writeArtifacts,
} from '@bizmetrics/rules';
import { ToolMissingError } from '@bizmetrics/rules/promtool';
import type { Command } from 'commander';
import type { CommandIo } from './correlate.ts';

const processIo: CommandIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** Options of `bizmetrics rules generate`. */
export interface RulesGenerateOptions {
  readonly config?: string;
  readonly out: string;
  readonly typecheck?: boolean;
}

/** Writes rules, promtool tests, dashboard and docs for a config (the default one when none). */
export async function runRulesGenerate(
  options: RulesGenerateOptions,
  io: CommandIo = processIo,
): Promise<number> {
  try {
    const config = options.config
      ? await loadConfig(options.config, { typecheck: options.typecheck ?? true })
      : defaultConfig;
    const files = await writeArtifacts(resolve(options.out), generateArtifacts(config));
    io.stdout(`wrote ${files.length} files for "${config.name}" to ${options.out}\n`);
    for (const f of files) io.stdout(`  ${f}\n`);
    return 0;
  } catch (error) {
    return userError(error, io);
  }
}

/** Runs promtool check + test (and vmalert -dryRun, amtool check-config when installed) on a generated folder. */
export async function runRulesTest(dir: string, io: CommandIo = processIo): Promise<number> {
  try {
    const report = await verifyRulesDir(resolve(dir));
    for (const r of report.results) {
      io.stdout(`${r.ok ? 'ok  ' : 'FAIL'} ${r.command} ${r.file}\n`);
      if (!r.ok) io.stdout(`${r.output.trim()}\n`);
    }
    for (const s of report.skipped) io.stdout(`skip ${s} (not installed)\n`);
    return report.ok ? 0 : 1;
  } catch (error) {
    return userError(error, io);
  }
}

/** Known mistakes print one line and exit 2; anything else is a bug and keeps its stack. */
function userError(error: unknown, io: CommandIo): number {
  if (
    error instanceof ConfigLoadError ||
    error instanceof RulesConfigError ||
    error instanceof ToolMissingError
  ) {
    io.stderr(`bizmetrics rules: ${error.message}\n`);
    return 2;
  }
  throw error;
}

/** Registers `bizmetrics rules generate` and `bizmetrics rules test`. */
export function registerRules(program: Command, io: CommandIo = processIo): void {
  const rules = program
    .command('rules')
    .description('KPI definitions → Prometheus rules, promtool tests, dashboard, docs');
  rules
    .command('generate')
    .description(
      'generate rule files, a PrometheusRule, an Alertmanager config, promtool tests, a Grafana dashboard and docs',
    )
    .option(
      '--config <file>',
      'TypeScript module exporting the KPI config (default: the built-in checkout config)',
    )
    .requiredOption('--out <dir>', 'output folder')
    .option('--no-typecheck', 'skip type-checking the config file')
    .action(async (options: RulesGenerateOptions) => {
      process.exitCode = await runRulesGenerate(options, io);
    });
  rules
    .command('test')
    .description(
      'run promtool check rules and test rules (and vmalert -dryRun, amtool check-config) on a generated folder',
    )
    .argument('<dir>', 'folder written by `rules generate`')
    .action(async (dir: string) => {
      process.exitCode = await runRulesTest(dir, io);
    });
}
