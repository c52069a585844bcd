import { ExportResultCode } from '@opentelemetry/core';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { withFailureLog } from '../src/export/failure-log.ts';

/** An exporter whose next results are scripted: true = success, false = failure. */
function scripted() {
  const exporter: PushMetricExporter & { ok: boolean } = {
    ok: true,
    export(_metrics, done) {
      done(
        this.ok
          ? { code: ExportResultCode.SUCCESS }
          : { code: ExportResultCode.FAILED, error: new Error('ECONNREFUSED') },
      );
    },
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  return exporter;
}

describe('withFailureLog', () => {
  it('logs the first failure, then at most one line per interval with the count, then recovery once', () => {
    const inner = scripted();
    let t = Date.UTC(2026, 0, 1);
    const logs: string[] = [];
    let counted = 0;
    const wrapped = withFailureLog(inner, {
      target: 'http://collector:4318/v1/metrics',
      log: (m) => logs.push(m),
      now: () => t,
      intervalMs: 60_000,
      onFailure: () => counted++,
    });
    const exportAt = (ms: number, ok: boolean) => {
      t = Date.UTC(2026, 0, 1) + ms;
      inner.ok = ok;
      wrapped.export({} as ResourceMetrics, () => {});
    };
    exportAt(0, false);
    for (let s = 10; s < 60; s += 10) exportAt(s * 1000, false);
    exportAt(61_000, false);
    exportAt(62_000, true);
    exportAt(63_000, true);
    expect(logs).toEqual([
      'bizmetrics: export to http://collector:4318/v1/metrics failing: ECONNREFUSED; 1 failures since 2026-01-01T00:00:00.000Z',
      'bizmetrics: export to http://collector:4318/v1/metrics failing: ECONNREFUSED; 7 failures since 2026-01-01T00:00:00.000Z',
      'bizmetrics: export to http://collector:4318/v1/metrics recovered; 7 failures since 2026-01-01T00:00:00.000Z',
    ]);
    expect(counted).toBe(7);
  });

  it('turns an exporter that throws into a failed result, and a throwing logger into silence', () => {
    const inner = scripted();
    inner.export = () => {
      throw new Error('boom');
    };
    const results: number[] = [];
    const wrapped = withFailureLog(inner, {
      target: 'x',
      log: () => {
        throw new Error('logger down');
      },
    });
    expect(() => wrapped.export({} as ResourceMetrics, (r) => results.push(r.code))).not.toThrow();
    expect(results).toEqual([ExportResultCode.FAILED]);
  });
});
