import { writeFile } from 'node:fs/promises';
import {
  type CorrelateRequest,
  correlationPresets,
  loadCorrelateRequest,
  PrometheusError,
  renderHtml,
  renderJson,
  renderText,
} from '@bizmetrics/insights';
import { correlateRequest } from '@bizmetrics/insights/analysis';
import {
  businessKpis,
  CORRELATE_DEFAULTS,
  CorrelateRequestError,
  DEFAULT_PRESET,
  type MetricChoice,
  technicalKpis,
} from '@bizmetrics/insights/config';
import { ConfigLoadError, defaultConfig, loadConfig, type RulesConfig } from '@bizmetrics/rules';
import { buildModel, inline, renderPromql } from '@bizmetrics/rules/model';
import { type Command, Option } from 'commander';

/** Flags of `bizmetrics correlate` as commander parses them: a CorrelateRequest, flattened. */
export interface CorrelateCliOptions {
  readonly config?: string;
  readonly preset?: string;
  readonly prometheus?: string;
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
  readonly range?: string;
  readonly step?: string;
  readonly end?: string;
  readonly maxLag?: string;
  readonly minSamples?: string;
  readonly alpha?: string;
  readonly per?: string;
  readonly season?: string;
  readonly format?: 'text' | 'json' | 'html';
  readonly out?: string;
  readonly bearerToken?: string;
  readonly basicAuth?: string;
  readonly timeout?: string;
  readonly maxPoints?: string;
}

/** Where the command writes. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const D = CORRELATE_DEFAULTS;
// Defaults live in the library (CORRELATE_DEFAULTS): flags carry none, so a --config file is not overridden.
const FLAGS: readonly (readonly [string, string])[] = [
  ['--config <file>', 'a JSON file with the request (fields of CorrelateRequest); flags override it'],
  ['--technical <promql>', 'technical PromQL (one series)'],
  ['--business <promql>', 'business PromQL (one series)'],
  [
    '--technical-rule <record>',
    'a recording rule of the rules config, inlined (e.g. funnel:checkout_conversion:ratio_rate5m)',
  ],
  ['--business-rule <record>', 'a recording rule of the rules config, inlined'],
  ['--rules-config <file>', 'look --technical-rule/--business-rule up in this KPI config module'],
  ['--technical-name <text>', 'name of the technical metric in the report'],
  ['--business-name <text>', 'name of the business metric in the report'],
  ['--technical-unit <unit>', 'seconds, ratio, or a unit word'],
  ['--business-unit <unit>', 'seconds, ratio, or a unit word'],
  ['--technical-counter', 'the technical query returns a raw counter (turned into a per-second rate)'],
  ['--business-counter', 'the business query returns a raw counter (turned into a per-second rate)'],
  ['--range <duration>', `how far back from --end (default ${D.range})`],
  ['--step <duration>', `query resolution (default ${D.step})`],
  ['--end <time>', 'end of the range: ISO 8601 or Unix seconds (default now)'],
  ['--max-lag <steps>', `lags tested in each direction, in steps (default ${D.maxLag})`],
  ['--min-samples <n>', `fewest pairs on which a verdict is given (default ${D.minSamples})`],
  ['--alpha <p>', `significance level after corrections (default ${D.alpha})`],
  ['--per <value>', 'technical change to state the association for, in its unit (e.g. 0.1 for +100 ms)'],
  ['--out <file>', 'write the report to a file (required for html)'],
  ['--timeout <duration>', `per-request timeout (default ${D.timeout})`],
  ['--max-points <n>', `points per series per request (default ${D.maxPoints}; VictoriaMetrics 30000)`],
];

/** Registers `bizmetrics correlate` on the program. */
export function registerCorrelate(program: Command, io: CommandIo = processIo): void {
  const command = program
    .command('correlate')
    .description(
      'Correlate a technical metric with a business one in Prometheus, with daily and weekly cycles removed: lag, association and a verdict',
    )
    .addOption(new Option('--prometheus <url>', `base URL (default ${D.prometheus})`).env('PROMETHEUS_URL'))
    .addOption(
      new Option('--preset <name>', `a named KPI pair (default ${DEFAULT_PRESET})`).choices(
        Object.keys(correlationPresets),
      ),
    )
    .addOption(
      new Option('--technical-kpi <name>', 'named technical KPI').choices(Object.keys(technicalKpis)),
    )
    .addOption(new Option('--business-kpi <name>', 'named business KPI').choices(Object.keys(businessKpis)))
    .addOption(
      new Option('--season <cycle>', `cycle removed (default ${D.season})`).choices([
        'auto',
        'weekly',
        'daily',
        'none',
      ]),
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'html']).default('text'),
    )
    .addOption(new Option('--bearer-token <token>', 'bearer token').env('PROMETHEUS_BEARER_TOKEN'))
    .addOption(
      new Option('--basic-auth <user:password>', 'basic-auth credentials').env('PROMETHEUS_BASIC_AUTH'),
    );
  for (const [flags, description] of FLAGS) command.option(flags, description);
  command.action(async (options: CorrelateCliOptions) => {
    process.exitCode = await runCorrelate(options, io);
  });
}

/** Runs the command; returns the exit code (0 done, 1 query failed, 2 bad options). */
export async function runCorrelate(options: CorrelateCliOptions, io: CommandIo = processIo): Promise<number> {
  const fail = (code: number, message: string) => {
    io.stderr(`bizmetrics correlate: ${message}\n`);
    return code;
  };
  try {
    const format = options.format ?? 'text';
    if (format === 'html' && !options.out) return fail(2, '--format html needs --out FILE');
    const analysis = await correlateRequest(await toRequest(options));
    const output =
      format === 'json'
        ? renderJson(analysis.report)
        : format === 'html'
          ? renderHtml(analysis)
          : renderText(analysis.report);
    if (!options.out) io.stdout(output);
    else {
      await writeFile(options.out, output);
      io.stderr(`report written to ${options.out}: ${analysis.report.verdict.summary}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof CorrelateRequestError) return fail(2, `${flag(error.field)}: ${error.message}`);
    if (error instanceof ConfigLoadError) return fail(2, error.message);
    if (error instanceof PrometheusError) return fail(1, error.message);
    throw error;
  }
}

/** The flags over the --config file, with recording rules inlined to PromQL. */
async function toRequest(o: CorrelateCliOptions): Promise<CorrelateRequest> {
  const file = o.config ? await loadCorrelateRequest(o.config) : {};
  const rules = o.technicalRule || o.businessRule ? await rulesConfig(o.rulesConfig) : defaultConfig;
  const side = (p: 'technical' | 'business'): MetricChoice => {
    const record = o[`${p}Rule`];
    return defined({
      ...file[p],
      query: o[p] ?? ruleQuery(rules, record, `${p}Rule`),
      kpi: o[`${p}Kpi`],
      name: o[`${p}Name`] ?? record,
      unit: o[`${p}Unit`] ?? ruleUnit(record),
      counter: o[`${p}Counter`],
    });
  };
  const {
    technical,
    business,
    config,
    technicalKpi,
    businessKpi,
    technicalRule,
    businessRule,
    rulesConfig: _r,
    ...rest
  } = o;
  const flat = Object.fromEntries(
    Object.entries(rest).filter(([k]) => !/^(technical|business)|^(format|out)$/.test(k)),
  );
  return defined({ ...file, ...defined(flat), technical: side('technical'), business: side('business') });
}

/** The PromQL of a recording rule of a KPI config, inlined to raw series so that it runs where the rules are not loaded. */
function ruleQuery(config: RulesConfig, record: string | undefined, field: string): string | undefined {
  if (record === undefined) return undefined;
  const rules = buildModel(config).recording.rules;
  const rule = rules.find((r) => r.record === record);
  if (!rule)
    throw new CorrelateRequestError(
      field,
      `no recording rule "${record}" in config "${config.name}"; known: ${rules.map((r) => r.record).join(', ')}`,
    );
  return renderPromql(inline(rule.ref));
}

async function rulesConfig(file: string | undefined): Promise<RulesConfig> {
  // Shape-checked only: correlate reads rule names, `rules generate` is where configs are type-checked.
  return file ? loadConfig(file, { typecheck: false }) : defaultConfig;
}

function ruleUnit(record: string | undefined): string | undefined {
  if (record === undefined) return undefined;
  return /:ratio/.test(record) ? 'ratio' : /_seconds:/.test(record) ? 'seconds' : undefined;
}

function flag(field: string): string {
  return `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
