import { describe, expect, it } from 'vitest';
import { sdkSelfCatalog, startBizMetrics } from '../src/index.ts';
import { freePort, OnDemandReader, startReceiver } from './support.ts';

/** The cumulative feature-usage total in the last OTLP/JSON body. */
function lastTotal(body: Buffer): number {
  const json = JSON.parse(body.toString()) as {
    resourceMetrics: Array<{
      scopeMetrics: Array<{
        metrics: Array<{ name: string; sum?: { dataPoints: Array<{ asDouble?: number; asInt?: number }> } }>;
      }>;
    }>;
  };
  const metric = json.resourceMetrics[0]!.scopeMetrics.flatMap((s) => s.metrics).find(
    (m) => m.name === 'business.feature.usage',
  );
  const point = metric?.sum?.dataPoints[0];
  return Number(point?.asDouble ?? point?.asInt);
}

describe('a failing OTLP backend', () => {
  it('neither throws nor rejects, logs one line, counts the failures, then reports recovery once with exact totals', async () => {
    const port = await freePort(); // nothing listens there yet
    const endpoint = `http://127.0.0.1:${port}/v1/metrics`;
    const logs: string[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const reader = new OnDemandReader();
    const biz = startBizMetrics({
      env: {
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: endpoint,
        OTEL_METRIC_EXPORT_INTERVAL: '600000',
        OTEL_EXPORTER_OTLP_TIMEOUT: '100',
      },
      readers: [reader],
      log: (m) => logs.push(m),
      handleSignals: false,
    });
    const receiver = await (async () => {
      try {
        for (let i = 0; i < 20; i++) {
          biz.featureUsed({ feature: 'search', user_tier: 'free', new_user: false });
          await expect(biz.forceFlush()).resolves.toBeUndefined();
        }
        expect(logs).toEqual([
          expect.stringMatching(`^bizmetrics: export to ${endpoint} failing: .*; 1 failures since `),
        ]);
        expect(await reader.value(sdkSelfCatalog.exportFailures.name, { exporter: 'otlp' })).toBe(20);

        const back = await startReceiver(port);
        await biz.forceFlush();
        await biz.forceFlush();
        expect(logs.slice(1)).toEqual([
          expect.stringMatching(`^bizmetrics: export to ${endpoint} recovered; 20 failures since `),
        ]);
        // Cumulative temporality: the first export after the outage carries every use, none lost.
        expect(lastTotal(back.requests[0]!.body)).toBe(20);
        expect(unhandled).toEqual([]);
        return back;
      } finally {
        await biz.shutdown();
        process.off('unhandledRejection', onUnhandled);
      }
    })();
    await receiver.close();
  });
});
