import { writeFile } from 'node:fs/promises';
import {
  businessKpis,
  correlatePrometheus,
  createPrometheusClient,
  DEFAULT_BUSINESS_KPI,
  DEFAULT_TECHNICAL_KPI,
  type KpiQuery,
  type MetricQuery,
  type PrometheusAuth,
  PrometheusError,
  parseDuration,
  renderHtml,
  renderJson,
  renderText,
  technicalKpis,
} from '@bizmetrics/insights';
import {
  buildModel,
  ConfigLoadError,
  defaultConfig,
  inline,
  loadConfig,
  type RulesConfig,
  renderPromql,
} from '@bizmetrics/rules';
import { type Command, Option } from 'commander';

/** Options of `bizmetrics correlate`, as commander parses them. */
export interface CorrelateCliOptions {
  readonly prometheus: string;
  readonly technical?: string;
  readonly business?: string;
  readonly technicalKpi?: string;
  readonly businessKpi?: string;
  readonly technicalRule?: string;
  readonly businessRule?: string;
  readonly rulesConfig?: string;
  readonly technicalName?: string;
  readonly businessName?: string;
  readonly technicalUnit?: string;
  readonly businessUnit?: string;
  readonly technicalCounter?: boolean;
  readonly businessCounter?: boolean;
  readonly range: string;
  readonly step: string;
  readonly end?: string;
  readonly maxLag: string;
  readonly minSamples: string;
  readonly alpha: string;
  readonly per?: string;
  readonly format: 'text' | 'json' | 'html';
  readonly out?: string;
  readonly bearerToken?: string;
  readonly basicAuth?: string;
  readonly timeout: string;
  readonly maxPoints: string;
}

/** Where the command writes. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** A user mistake in the options: printed without a stack trace. */
class UsageError extends Error {}

/** Registers `bizmetrics correlate` on the program. */
export function registerCorrelate(program: Command, io: CommandIo = processIo): void {
  program
    .command('correlate')
    .description(
      'Correlate a technical metric with a business one in Prometheus: coefficients, lag, impact and a verdict',
    )
    .addOption(
      new Option('--prometheus <url>', 'Prometheus or VictoriaMetrics base URL')
        .env('PROMETHEUS_URL')
        .default('http://127.0.0.1:9090'),
    )
    .option('--technical <promql>', 'technical PromQL (one series)')
    .option('--business <promql>', 'business PromQL (one series)')
    .addOption(
      new Option('--technical-kpi <name>', `named technical KPI (default ${DEFAULT_TECHNICAL_KPI})`).choices(
        Object.keys(technicalKpis),
      ),
    )
    .addOption(
      new Option('--business-kpi <name>', `named business KPI (default ${DEFAULT_BUSINESS_KPI})`).choices(
        Object.keys(businessKpis),
      ),
    )
    .option(
      '--technical-rule <record>',
      'a recording rule of the rules default config, inlined (e.g. funnel:checkout_conversion:ratio_rate5m)',
    )
    .option('--business-rule <record>', 'a recording rule of the rules default config, inlined')
    .option(
      '--rules-config <file>',
      'look --technical-rule/--business-rule up in this KPI config module instead',
    )
    .option('--technical-name <text>', 'name of the technical metric in the report')
    .option('--business-name <text>', 'name of the business metric in the report')
    .option('--technical-unit <unit>', 'seconds, ratio, or a unit word')
    .option('--business-unit <unit>', 'seconds, ratio, or a unit word')
    .option(
      '--technical-counter',
      'the technical query returns a raw counter (turned into a per-second rate)',
    )
    .option('--business-counter', 'the business query returns a raw counter (turned into a per-second rate)')
    .option('--range <duration>', 'how far back from --end', '7d')
    .option('--step <duration>', 'query resolution', '5m')
    .option('--end <time>', 'end of the range: ISO 8601 or Unix seconds (default now)')
    .option('--max-lag <steps>', 'lags tested in each direction, in steps', '12')
    .option('--min-samples <n>', 'fewest pairs on which a verdict is given', '30')
    .option('--alpha <p>', 'significance level after corrections', '0.05')
    .option('--per <value>', 'technical change to state the impact for, in its unit (e.g. 0.1 for +100 ms)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'html']).default('text'),
    )
    .option('--out <file>', 'write the report to a file (required for html)')
    .addOption(new Option('--bearer-token <token>', 'bearer token').env('PROMETHEUS_BEARER_TOKEN'))
    .addOption(
      new Option('--basic-auth <user:password>', 'basic-auth credentials').env('PROMETHEUS_BASIC_AUTH'),
    )
    .option('--timeout <duration>', 'per-request timeout', '30s')
    .option(
      '--max-points <n>',
      'points per series per request (Prometheus 11000, VictoriaMetrics 30000)',
      '11000',
    )
    .action(async (options: CorrelateCliOptions) => {
      process.exitCode = await runCorrelate(options, io);
    });
}

/** Runs the command; returns the exit code (0 done, 1 query failed, 2 bad options). */
export async function runCorrelate(options: CorrelateCliOptions, io: CommandIo = processIo): Promise<number> {
  try {
    const rules = options.rulesConfig ? await loadRulesConfig(options.rulesConfig) : defaultConfig;
    const technical = metric(
      'technical',
      options.technical ?? ruleQuery(rules, options.technicalRule),
      options.technicalKpi ?? DEFAULT_TECHNICAL_KPI,
      technicalKpis,
      options.technicalName ?? options.technicalRule,
      options.technicalUnit ?? ruleUnit(options.technicalRule),
      options.technicalCounter,
    );
    const business = metric(
      'business',
      options.business ?? ruleQuery(rules, options.businessRule),
      options.businessKpi ?? DEFAULT_BUSINESS_KPI,
      businessKpis,
      options.businessName ?? options.businessRule,
      options.businessUnit ?? ruleUnit(options.businessRule),
      options.businessCounter,
    );
    if (options.format === 'html' && !options.out) throw new UsageError('--format html needs --out FILE');
    const end = parseTime(options.end);
    const rangeSeconds = duration('--range', options.range);
    const stepSeconds = duration('--step', options.step);
    const client = createPrometheusClient({
      url: options.prometheus,
      auth: auth(options),
      timeoutMs: duration('--timeout', options.timeout) * 1000,
      maxPointsPerSeries: positive('--max-points', options.maxPoints),
    });
    const perKpi =
      !options.technical && !options.technicalRule
        ? (technicalKpis as Record<string, KpiQuery>)[options.technicalKpi ?? DEFAULT_TECHNICAL_KPI]?.per
        : undefined;
    const analysis = await correlatePrometheus({
      client,
      technical,
      business,
      start: new Date(end.getTime() - rangeSeconds * 1000),
      end,
      stepSeconds,
      maxLagSteps: positive('--max-lag', options.maxLag, true),
      minSamples: positive('--min-samples', options.minSamples),
      alpha: positive('--alpha', options.alpha),
      technicalDelta: options.per !== undefined ? positive('--per', options.per) : perKpi,
    });
    const output =
      options.format === 'json'
        ? renderJson(analysis.report)
        : options.format === 'html'
          ? renderHtml(analysis)
          : renderText(analysis.report);
    if (options.out) {
      await writeFile(options.out, output);
      io.stderr(`report written to ${options.out}: ${analysis.report.verdict.summary}\n`);
    } else {
      io.stdout(output);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`bizmetrics correlate: ${error.message}\n`);
      return 2;
    }
    if (error instanceof PrometheusError) {
      io.stderr(`bizmetrics correlate: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function metric(
  role: string,
  promql: string | undefined,
  kpiName: string,
  kpis: Record<string, KpiQuery>,
  name: string | undefined,
  unit: string | undefined,
  counter: boolean | undefined,
): MetricQuery {
  const kpi = promql ? undefined : kpis[kpiName];
  if (!promql && !kpi)
    throw new UsageError(`unknown ${role} KPI "${kpiName}"; known: ${Object.keys(kpis).join(', ')}`);
  return {
    name: name ?? kpi?.name ?? `${role} metric`,
    query: promql ?? (kpi as KpiQuery).query,
    unit: unit ?? kpi?.unit,
    kind: counter ? 'counter' : 'gauge',
  };
}

/** The PromQL of a recording rule of a KPI config (the rules default config unless --rules-config), inlined to raw series so that it runs where the rules are not loaded. */
function ruleQuery(config: RulesConfig, record: string | undefined): string | undefined {
  if (record === undefined) return undefined;
  const rules = buildModel(config).recording.rules;
  const rule = rules.find((r) => r.record === record);
  if (!rule)
    throw new UsageError(
      `no recording rule "${record}" in config "${config.name}"; known: ${rules.map((r) => r.record).join(', ')}`,
    );
  return renderPromql(inline(rule.ref));
}

async function loadRulesConfig(file: string): Promise<RulesConfig> {
  try {
    // Shape-checked only: correlate reads rule names, `rules generate` is where configs are type-checked.
    return await loadConfig(file, { typecheck: false });
  } catch (error) {
    if (error instanceof ConfigLoadError) throw new UsageError(error.message);
    throw error;
  }
}

function ruleUnit(record: string | undefined): string | undefined {
  if (record === undefined) return undefined;
  return /:ratio/.test(record) ? 'ratio' : /_seconds:/.test(record) ? 'seconds' : undefined;
}

function auth(options: CorrelateCliOptions): PrometheusAuth | undefined {
  if (options.bearerToken && options.basicAuth)
    throw new UsageError('give either --bearer-token or --basic-auth, not both');
  if (options.bearerToken) return { bearerToken: options.bearerToken };
  if (!options.basicAuth) return undefined;
  const colon = options.basicAuth.indexOf(':');
  if (colon < 1) throw new UsageError('--basic-auth must be user:password');
  return { username: options.basicAuth.slice(0, colon), password: options.basicAuth.slice(colon + 1) };
}

function parseTime(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = /^\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`--end "${text}" is neither ISO 8601 (2026-11-28T12:00:00Z) nor Unix seconds`);
  return date;
}

function duration(flag: string, text: string): number {
  let seconds: number;
  try {
    seconds = parseDuration(text);
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`);
  }
  if (!(seconds > 0)) throw new UsageError(`${flag} must be positive, got "${text}"`);
  return seconds;
}

function positive(flag: string, text: string, allowZero = false): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new UsageError(
      `${flag} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${text}"`,
    );
  }
  return value;
}
