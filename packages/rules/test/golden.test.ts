import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, generateArtifacts } from '../src/index.ts';

const GOLDEN = join(import.meta.dirname, 'golden');

// Sloth-style golden files: the exact output of the default config is checked in and reviewed like
// code. After an intended change: UPDATE_GOLDEN=1 pnpm exec vitest run packages/rules/test/golden.test.ts
describe('default config output', () => {
  it('is byte-identical when generated again from the same config', () => {
    expect(generateArtifacts(defaultConfig)).toEqual(generateArtifacts(defaultConfig));
  });

  for (const artifact of generateArtifacts(defaultConfig)) {
    it(`matches the checked-in ${artifact.path}`, async () => {
      const file = join(GOLDEN, artifact.path.replaceAll('/', '__'));
      if (process.env['UPDATE_GOLDEN']) await writeFile(file, artifact.content);
      expect(artifact.content).toBe(await readFile(file, 'utf8'));
    });
  }
});
