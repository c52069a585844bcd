import { GATEWAY_ENV, GatewayConfigError, startGatewayFromEnv } from '@bizmetrics/gateway';
import { BizMetricsConfigError } from '@bizmetrics/sdk';
import type { Command } from 'commander';

/** Where the command writes; replaceable in tests. */
export interface GatewayIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const processIo: GatewayIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

/** Registers `bizmetrics gateway`: the standalone browser gateway, configured by environment only. */
export function registerGateway(program: Command, io: GatewayIo = processIo): void {
  const variables = Object.entries(GATEWAY_ENV)
    .map(([name, meaning]) => `  ${name}\n      ${meaning}`)
    .join('\n');
  program
    .command('gateway')
    .description('accept browser metric batches (OTLP/HTTP) on /v1/metrics, validate and sum them')
    .addHelpText(
      'after',
      `\nEnvironment:\n${variables}\n  OTEL_METRICS_EXPORTER, OTEL_EXPORTER_*  where the sums go (as for any service)`,
    )
    .action(async () => {
      process.exitCode = await runGateway(io);
    });
}

/** Starts the gateway and runs until SIGTERM or SIGINT; returns the exit code. */
export async function runGateway(io: GatewayIo): Promise<number> {
  let running: Awaited<ReturnType<typeof startGatewayFromEnv>>;
  try {
    running = await startGatewayFromEnv({ env: io.env, log: io.err });
  } catch (error) {
    if (error instanceof GatewayConfigError || error instanceof BizMetricsConfigError) {
      io.err(`bizmetrics gateway: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const where = running.metrics.prometheusUrl ? `; sums on ${running.metrics.prometheusUrl}` : '';
  io.out(`bizmetrics gateway: accepting browser metrics on ${running.gateway.url}/v1/metrics${where}`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await running.close();
  io.out('bizmetrics gateway: stopped');
  return 0;
}
