import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
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
  /** Tools that were not found and therefore not run (vmalert is optional). */
  readonly skipped: readonly string[];
}

/** Options for {@link verifyRulesDir}; tool paths default to {@link findTool}. */
export interface VerifyOptions {
  readonly promtool?: string;
  readonly vmalert?: string;
}

/** Thrown when promtool cannot be found; the message says how to install it. */
export class ToolMissingError extends Error {
  override name = 'ToolMissingError';
}

/**
 * Runs `promtool check rules` on `DIR/rules/*.yaml`, `promtool test rules` on every
 * `DIR/tests/*.yaml`, and `vmalert -dryRun` on the rule files when vmalert is installed.
 * One tool at a time: with several promtool test runs competing for CPU, promtool 2.53 was seen
 * to miss firing alerts at random; alone it never did.
 */
export async function verifyRulesDir(dir: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const promtool = options.promtool ?? findTool('promtool', dir) ?? findTool('promtool');
  if (!promtool)
    throw new ToolMissingError(
      'promtool not found: run deploy/local/install.sh, or set PROMTOOL to its path',
    );
  const rules = await yamlFiles(join(dir, 'rules'));
  const tests = await yamlFiles(join(dir, 'tests'));
  if (rules.length === 0)
    throw new ToolMissingError(`no rule files in ${join(dir, 'rules')}: run \`rules generate\` first`);
  const vmalert = options.vmalert ?? findTool('vmalert', dir) ?? findTool('vmalert');
  const runs: [string, string[], string][] = [
    ...rules.map((f): [string, string[], string] => [promtool, ['check', 'rules', f], f]),
    ...tests.map((f): [string, string[], string] => [promtool, ['test', 'rules', f], f]),
    ...(vmalert
      ? rules.map((f): [string, string[], string] => [
          vmalert,
          ['-dryRun', `-rule=${f}`, '-loggerLevel=ERROR'],
          f,
        ])
      : []),
  ];
  const results: ToolResult[] = [];
  for (const [bin, args, file] of runs) results.push(await runTool(bin, args, file));
  return { ok: results.every((r) => r.ok), results, skipped: vmalert ? [] : ['vmalert'] };
}

async function yamlFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => join(dir, n));
}

async function runTool(bin: string, args: string[], file: string): Promise<ToolResult> {
  const command =
    `${bin.split('/').pop()} ${args.filter((a) => a !== file && !a.endsWith(file)).join(' ')}`.trim();
  try {
    const { stdout, stderr } = await exec(bin, args, { maxBuffer: 64 * 1024 * 1024 });
    return { command, file, ok: true, output: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { command, file, ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message };
  }
}
