import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PACKAGE_DIR = join(import.meta.dirname, '..');

describe('README', () => {
  it('runs its library example as written (Node 24, the package imported by its own name)', async () => {
    const readme = await readFile(join(PACKAGE_DIR, 'README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain("from '@bizmetrics/local-stack'");
    const { stdout } = await run(
      process.execPath,
      ['--conditions=@bizmetrics/source', '--input-type=module-typescript', '--eval', example as string],
      { cwd: PACKAGE_DIR },
    );
    expect(stdout).toMatch(/SUCCESS: .*prometheus\.yml is valid prometheus config file syntax/);
  }, 60_000);
});
