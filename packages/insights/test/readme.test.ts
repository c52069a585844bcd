import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const PACKAGE = resolve(import.meta.dirname, '..');

describe('README', () => {
  afterEach(() => vi.restoreAllMocks());

  it('runs the first example and prints the verdict its comment shows', async () => {
    const readme = await readFile(join(PACKAGE, 'README.md'), 'utf8');
    const block = readme.match(/```ts\n([\s\S]*?)```/)?.[1] ?? '';
    const expected = block.match(/^\/\/ (checkout conversion moves against.*)$/m)?.[1] ?? '';
    // The package and its subpaths, as the source files they point at.
    const source = block.replace(
      /'@bizmetrics\/insights(?:\/(\w+))?'/g,
      (_m, sub: string | undefined) => `'${join(PACKAGE, 'src', `${sub ?? 'index'}.ts`)}'`,
    );
    const dir = await mkdtemp(join(tmpdir(), 'insights-readme-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await writeFile(join(dir, 'example.ts'), source);
      await import(join(dir, 'example.ts'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(expected).not.toBe('');
    expect(String(log.mock.calls[0]?.[0])).toContain(expected);
  });
});
