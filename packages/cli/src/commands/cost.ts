import { writeFile } from 'node:fs/promises';
import {
  costRequest,
  PrometheusError,
  renderCostHtml,
  renderCostText,
  renderJson,
} from '@bizmetrics/insights';
import { CorrelateRequestError, type CostRequest } from '@bizmetrics/insights/config';
import { type Command, Option } from 'commander';
import type { CommandIo } from './correlate.ts';

/** Flags of `bizmetrics cost`: a CostRequest plus the output. */
export interface CostCliOptions extends CostRequest {
  readonly format?: 'text' | 'json' | 'html';
  readonly out?: string;
}

/** Registers `bizmetrics cost` on the program. */
export function registerCost(program: Command, io: CommandIo = processIo): void {
  program
    .command('cost')
    .description(
      'Estimate what an incident cost in orders, revenue per currency and conversions, against the same hours of past weeks',
    )
    .addOption(
      new Option('--prometheus <url>', 'base URL (default http://127.0.0.1:9090)').env('PROMETHEUS_URL'),
    )
    .option('--from <time>', 'start of the incident: ISO 8601 or Unix seconds')
    .option('--to <time>', 'end of the incident')
    .option('--alert <name>', 'find the window from this alert in ALERTS (its last firing span)')
    .option('--search <duration>', 'how far back to look for the alert (default 7d)')
    .option('--alert-pad <duration>', "move the alert's start back by its for: duration (default 0s)")
    .option('--step <duration>', 'resolution (default 5m)')
    .option('--baseline-weeks <n>', 'past weeks the counterfactual is the median of (default 4)')
    .option('--now <time>', 'newest time to read (default now)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'html']).default('text'),
    )
    .option('--out <file>', 'write the report to a file (required for html)')
    .addOption(new Option('--bearer-token <token>', 'bearer token').env('PROMETHEUS_BEARER_TOKEN'))
    .addOption(
      new Option('--basic-auth <user:password>', 'basic-auth credentials').env('PROMETHEUS_BASIC_AUTH'),
    )
    .action(async (options: CostCliOptions) => {
      process.exitCode = await runCost(options, io);
    });
}

/** Runs the command; returns the exit code (0 done, 1 query failed, 2 bad options). */
export async function runCost(options: CostCliOptions, io: CommandIo = processIo): Promise<number> {
  const { format = 'text', out, ...request } = options;
  try {
    if (format === 'html' && !out) throw new CorrelateRequestError('format', 'html needs --out FILE');
    const analysis = await costRequest(request);
    const output =
      format === 'json'
        ? renderJson(analysis.report)
        : format === 'html'
          ? renderCostHtml(analysis)
          : renderCostText(analysis.report);
    if (!out) io.stdout(output);
    else {
      await writeFile(out, output);
      io.stderr(`report written to ${out}: ${analysis.report.summary}\n`);
    }
    return 0;
  } catch (error) {
    const flag = (field: string) => `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    if (error instanceof CorrelateRequestError)
      io.stderr(`bizmetrics cost: ${flag(error.field)}: ${error.message}\n`);
    else if (error instanceof PrometheusError) io.stderr(`bizmetrics cost: ${error.message}\n`);
    else throw error;
    return error instanceof CorrelateRequestError ? 2 : 1;
  }
}

const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
