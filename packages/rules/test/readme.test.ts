import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);

describe('README', () => {
  it('runs the first example and prints a rule file', { timeout: 60_000 }, async () => {
    const readme = await readFile(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    // Inside the package, so '@bizmetrics/*' resolve through the workspace.
    const dir = await mkdtemp(join(import.meta.dirname, 'tmp-readme-'));
    try {
      await writeFile(join(dir, 'example.ts'), example);
      const { stdout } = await exec(process.execPath, [
        '--conditions=@bizmetrics/source',
        join(dir, 'example.ts'),
      ]);
      expect(stdout).toContain('record: source:signup_conversion:ratio_rate1h');
      expect(stdout).toContain('alert: SignupConversionDrop');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
