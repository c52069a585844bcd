import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Document } from 'yaml';
import { generateArtifacts, type RulesConfig, writeArtifacts } from '../../src/index.ts';
import { counterValues } from '../../src/promtool/series-values.ts';
import { findTool } from '../../src/promtool.ts';
import { artifactPaths } from '../../src/render.ts';

const exec = promisify(execFile);

/** Per-minute increments of a counter, piecewise: `[untilMinute, perMinute]`, in order. */
export type Pieces = readonly (readonly [number, number])[];

/** promtool's notation for a counter with these pieces, from minute 0. */
export function counter(pieces: Pieces): string {
  let from = 0;
  const segments = pieces.map(([until, perMinute]) => {
    const s = { minutes: until - from, perMinute };
    from = until;
    return s;
  });
  return counterValues(segments);
}

/**
 * Runs promtool test rules on one test file against the generated rules of `config`, as written by
 * `rules generate`; resolves to promtool's output and exit status. No second run: a failure fails.
 */
export async function runPromtoolCase(
  config: RulesConfig,
  evaluationInterval: string,
  tests: readonly object[],
): Promise<{ ok: boolean; output: string }> {
  const promtool = findTool('promtool');
  if (!promtool) throw new Error('promtool not found: corepack pnpm stack:install');
  const dir = await mkdtemp(join(tmpdir(), 'bizmetrics-case-'));
  try {
    await writeArtifacts(
      dir,
      generateArtifacts(config).filter((a) => a.path === artifactPaths(config).rules),
    );
    const file = join(dir, 'case.test.yaml');
    const doc = new Document(
      {
        rule_files: [join(dir, artifactPaths(config).rules)],
        evaluation_interval: evaluationInterval,
        tests,
      },
      { aliasDuplicateObjects: false },
    );
    await writeFile(file, doc.toString({ lineWidth: 0 }));
    try {
      const { stdout, stderr } = await exec(promtool, ['test', 'rules', file], { maxBuffer: 1 << 26 });
      return { ok: true, output: `${stdout}${stderr}` };
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
