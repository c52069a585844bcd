import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { findTool } from './locate.ts';

const exec = promisify(execFile);

/** The outcome of one tool run on one file. */
export interface ToolResult {
  readonly command: string;
  readonly file: string;
  readonly ok: boolean;
  readonly output: string;
}

/** What {@link verifyRulesDir} found. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly results: readonly ToolResult[];
  /** Tools that were not found and therefore not run (vmalert and amtool are optional). */
  readonly skipped: readonly string[];
}

/** Options for {@link verifyRulesDir}; tool paths default to {@link findTool}. */
export interface VerifyOptions {
  readonly promtool?: string;
  readonly vmalert?: string;
  readonly amtool?: string;
  /** promtool test files run at once (default: one per CPU). */
  readonly concurrency?: number;
}

/** Thrown when promtool cannot be found; the message says how to install it. */
export class ToolMissingError extends Error {
  override name = 'ToolMissingError';
}

interface Run {
  readonly bin: string;
  readonly args: readonly string[];
  readonly file: string;
  /** Prepares the file the tool reads (a PrometheusRule's groups) and cleans up after. */
  readonly input?: () => Promise<{ path: string; done: () => Promise<void> }>;
}

/**
 * Checks a folder written by `rules generate` with the real tools: `promtool check rules` on the
 * rule files and on the PrometheusRule's groups, `promtool test rules` on every test file,
 * `vmalert -dryRun` on the rule files and `amtool check-config` on the Alertmanager config when
 * those are installed. Each file runs once: a failure is a failure. Test files run in parallel, one
 * per CPU: given one rule group promtool is deterministic (the misses once seen under load came
 * from two groups, which promtool evaluates in random order).
 */
export async function verifyRulesDir(dir: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const promtool = options.promtool ?? findTool('promtool', dir) ?? findTool('promtool');
  if (!promtool)
    throw new ToolMissingError(
      'promtool not found: run deploy/local/install.sh, or set PROMTOOL to its path',
    );
  const rules = await yamlFiles(join(dir, 'rules'));
  if (rules.length === 0)
    throw new ToolMissingError(`no rule files in ${join(dir, 'rules')}: run \`rules generate\` first`);
  // kubernetes/ also holds the ServiceMonitor beside the PrometheusRule; only the rules go to promtool.
  const operatorRules = (await yamlFiles(join(dir, 'kubernetes'))).filter((f) =>
    f.endsWith('.prometheusrule.yaml'),
  );
  const tests = await yamlFiles(join(dir, 'tests'));
  const alertmanager = await yamlFiles(join(dir, 'alertmanager'));
  const vmalert = options.vmalert ?? findTool('vmalert', dir) ?? findTool('vmalert');
  const amtool = options.amtool ?? findTool('amtool', dir) ?? findTool('amtool');
  const checks: Run[] = [
    ...rules.map((f) => ({ bin: promtool, args: ['check', 'rules', f], file: f })),
    ...operatorRules.map((f) => ({
      bin: promtool,
      args: ['check', 'rules'],
      file: f,
      input: () => prometheusRuleGroups(f),
    })),
    ...(vmalert
      ? rules.map((f) => ({ bin: vmalert, args: ['-dryRun', `-rule=${f}`, '-loggerLevel=ERROR'], file: f }))
      : []),
    ...(amtool ? alertmanager.map((f) => ({ bin: amtool, args: ['check-config', f], file: f })) : []),
  ];
  const testRuns: Run[] = tests.map((f) => ({ bin: promtool, args: ['test', 'rules', f], file: f }));
  const results = [
    ...(await pool(checks, 1)),
    ...(await pool(testRuns, options.concurrency ?? availableParallelism())),
  ];
  const skipped = [
    ...(vmalert ? [] : ['vmalert']),
    ...(amtool || alertmanager.length === 0 ? [] : ['amtool']),
  ];
  return { ok: results.every((r) => r.ok), results, skipped };
}

/** Runs at most `n` at once; results in the order given. */
async function pool(runs: readonly Run[], n: number): Promise<ToolResult[]> {
  const results: ToolResult[] = new Array(runs.length);
  let next = 0;
  const worker = async () => {
    while (next < runs.length) {
      const i = next++;
      results[i] = await runTool(runs[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, runs.length)) }, worker));
  return results;
}

/** The `spec.groups` of a PrometheusRule as a rule file promtool can check. */
async function prometheusRuleGroups(file: string): Promise<{ path: string; done: () => Promise<void> }> {
  const doc = parse(await readFile(file, 'utf8')) as { kind?: string; spec?: { groups?: unknown } };
  if (doc.kind !== 'PrometheusRule' || !doc.spec?.groups)
    throw new ToolMissingError(`${file} is not a PrometheusRule with spec.groups`);
  const dir = await mkdtemp(join(tmpdir(), 'bizmetrics-prometheusrule-'));
  const path = join(dir, 'groups.yaml');
  await writeFile(path, JSON.stringify({ groups: doc.spec.groups }));
  return { path, done: () => rm(dir, { recursive: true, force: true }) };
}

async function yamlFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => join(dir, n));
}

async function runTool(run: Run): Promise<ToolResult> {
  const { bin, file } = run;
  const input = run.input ? await run.input() : undefined;
  const args = input ? [...run.args, input.path] : [...run.args];
  const command =
    `${bin.split('/').pop()} ${args.filter((a) => a !== file && !a.endsWith(file) && a !== input?.path).join(' ')}`.trim();
  try {
    const { stdout, stderr } = await exec(bin, args, { maxBuffer: 64 * 1024 * 1024 });
    return { command, file, ok: true, output: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { command, file, ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message };
  } finally {
    await input?.done();
  }
}
