import { describe, expect, it } from 'vitest';
import { startBizMetrics } from '../src/index.ts';
import { freePort } from './support.ts';

describe('a failing OTLP backend', () => {
  it('neither throws nor rejects, and logs one line instead of one per export', async () => {
    const port = await freePort(); // nothing listens there
    const logs: string[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const biz = startBizMetrics({
      env: {
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: `http://127.0.0.1:${port}/v1/metrics`,
        OTEL_METRIC_EXPORT_INTERVAL: '100',
        OTEL_EXPORTER_OTLP_TIMEOUT: '100',
      },
      log: (m) => logs.push(m),
      handleSignals: false,
    });
    try {
      for (let i = 0; i < 20; i++) {
        biz.featureUsed({ feature: 'search', user_tier: 'free', new_user: false });
        await biz.forceFlush();
      }
      await new Promise((r) => setTimeout(r, 1000));
      const failures = logs.filter((l) => l.includes(`export to http://127.0.0.1:${port}/v1/metrics`));
      expect(failures.length).toBe(1);
      expect(failures[0]).toMatch(/failing: /);
      expect(unhandled).toEqual([]);
    } finally {
      await biz.shutdown();
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
