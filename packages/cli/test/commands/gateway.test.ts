import { describe, expect, it } from 'vitest';
import { runGateway } from '../../src/commands/gateway.ts';

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env } };
}

describe('bizmetrics gateway', () => {
  it('exits 2 naming the variable when the allowed origins are missing, listening on nothing', async () => {
    const t = io({ OTEL_METRICS_EXPORTER: 'none' });
    expect(await runGateway(t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/BIZMETRICS_GATEWAY_ALLOWED_ORIGINS is required/);
    expect(t.out).toEqual([]);
  });

  it('exits 2 on a bad OTEL_* exporter variable, without a stack trace', async () => {
    const t = io({ BIZMETRICS_GATEWAY_ALLOWED_ORIGINS: '*', OTEL_METRICS_EXPORTER: 'carrier-pigeon' });
    expect(await runGateway(t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/OTEL_METRICS_EXPORTER/);
    expect(t.err.join('\n')).not.toMatch(/\n\s+at /);
  });
});
