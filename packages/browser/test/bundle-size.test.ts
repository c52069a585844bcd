import { describe, expect, it } from 'vitest';
import { ENTRIES, measure } from '../scripts/bundle-size.ts';

/**
 * Budget for the complete browser SDK with web vitals, minified and gzipped (esbuild, ESM,
 * tree-shaken, gzip -9), checked by bytes. Versions are pinned, so the bytes are stable: raise the
 * budget only on purpose. `pnpm --filter @bizmetrics/browser size` prints where the bytes go.
 */
const BUDGET_BYTES = 22 * 1024;

describe('browser bundle size (esbuild, minified, gzip -9)', () => {
  it(`keeps the whole SDK with web vitals within ${BUDGET_BYTES} bytes, and React out of it`, async () => {
    const sdk = await measure('sdk', ENTRIES.sdk);
    console.log(`@bizmetrics/browser with web vitals: ${sdk.gzipped} B gzipped (${sdk.minified} B minified)`);
    expect(sdk.gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
    const files = Object.keys(sdk.inputs);
    expect(files.some((f) => f.includes('web-vitals'))).toBe(true);
    expect(files.some((f) => f.includes('@opentelemetry'))).toBe(false);
    expect(files.some((f) => f.includes('/react'))).toBe(false);
    expect(sdk.code).not.toMatch(/from\s*["']react["']/);
  });

  it('ships the react subpath on its own', async () => {
    const react = await measure('react', ENTRIES.react);
    expect(react.code).toMatch(/from\s*["']react["']/);
    expect(react.gzipped).toBeLessThan(1024);
  });
});
