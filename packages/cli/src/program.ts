import { startGatewayFromEnv } from '@bizmetrics/gateway';
import { costRequest } from '@bizmetrics/insights';
import { correlateRequest } from '@bizmetrics/insights/analysis';
import { generateArtifacts, verifyRulesDir } from '@bizmetrics/rules';
import { renderUxRulesFile } from '@bizmetrics/rules/ux';
import { Command } from 'commander';
import { registerCorrelate } from './commands/correlate.ts';
import { registerCost } from './commands/cost.ts';
import { registerGateway } from './commands/gateway.ts';
import { registerRules } from './commands/rules.ts';
import { registerUx } from './commands/ux.ts';

/**
 * The library function behind each command (Sloth's `pkg/lib` rule: the CLI is thin wiring).
 * A test walks the program and fails for a command missing here.
 */
export const COMMAND_LIBRARY: Readonly<Record<string, (...args: never[]) => unknown>> = {
  'rules generate': generateArtifacts,
  'rules test': verifyRulesDir,
  correlate: correlateRequest,
  cost: costRequest,
  ux: renderUxRulesFile,
  gateway: startGatewayFromEnv,
};

/** The `bizmetrics` program with every command registered; each command lives in `commands/<name>.ts`. */
export function createProgram(): Command {
  const program = new Command('bizmetrics')
    .description('Business metrics as code on OpenTelemetry')
    .showHelpAfterError()
    .exitOverride((err) => {
      // commander has already printed usage errors; exit with its code, no stack trace.
      process.exit(err.exitCode);
    });
  registerRules(program);
  registerCorrelate(program);
  registerCost(program);
  registerUx(program);
  registerGateway(program);
  return program;
}
