import { describe, expect, it } from 'vitest';
import { ENTRIES, measure } from '../scripts/bundle-size.ts';

/**
 * Budget for the complete browser bundle, minified and gzipped. Raw OTel metrics with its OTLP/HTTP
 * exporter is the floor (~20 KiB); the catalog, guards, business API and session tracking may add at
 * most 8 KiB on top. Versions are pinned, so the bytes are stable: raise the budget only on purpose.
 */
const BUDGET_BYTES = 28 * 1024;
const MAX_OVER_RAW_OTEL_BYTES = 8 * 1024;

describe('browser bundle size (esbuild, minified, gzip -9)', () => {
  it(`stays within ${BUDGET_BYTES} bytes and within 8 KiB of raw OTel`, async () => {
    const [ours, raw] = await Promise.all(Object.entries(ENTRIES).map(([name, src]) => measure(name, src)));
    console.log(`${ours!.name}: ${ours!.gzipped} B gzipped; ${raw!.name}: ${raw!.gzipped} B gzipped`);
    expect(ours!.gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(ours!.gzipped - raw!.gzipped).toBeLessThanOrEqual(MAX_OVER_RAW_OTEL_BYTES);
    expect(raw!.gzipped).toBeGreaterThan(10 * 1024);
  });
});
