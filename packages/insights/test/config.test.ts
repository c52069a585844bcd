import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  businessKpis,
  type CorrelateRequestError,
  resolveCorrelateRequest,
  technicalKpis,
} from '../src/config.ts';
import { correlationPresets } from '../src/index.ts';

const NOW = new Date('2026-02-16T00:00:00Z');

describe('resolveCorrelateRequest', () => {
  it('fills in the library defaults: the seed pair over 14 days at 5 minutes', () => {
    const { analysis, client } = resolveCorrelateRequest({}, NOW);
    expect(analysis.technical.query).toBe(technicalKpis.p99_latency.query);
    expect(analysis.business.query).toBe(businessKpis.checkout_conversion.query);
    expect(analysis.start.toISOString()).toBe('2026-02-02T00:00:00.000Z');
    expect(analysis).toMatchObject({
      stepSeconds: 300,
      maxLagSteps: 12,
      alpha: 0.05,
      technicalDelta: 0.1,
      season: 'auto',
    });
    expect(client).toMatchObject({
      url: 'http://127.0.0.1:9090',
      timeoutMs: 30_000,
      maxPointsPerSeries: 11_000,
    });
  });

  it('runs every preset on the example shop’s OTel semantic-convention names', () => {
    const queries = Object.keys(correlationPresets).map(
      (preset) => resolveCorrelateRequest({ preset }, NOW).analysis.technical.query,
    );
    expect(queries.join('\n')).toMatch(/http_server_request_duration_seconds_bucket/);
    expect(queries.join('\n')).toMatch(/db_client_operation_duration_seconds_bucket/);
    expect(queries.join('\n')).toMatch(/shop_cache_lookups_total\{cache_result="hit"\}/);
    expect(queries.join('\n')).toMatch(/http_response_status_code=~"4\.\."/);
  });

  it('names the field and the accepted values of a bad request', () => {
    const error = (request: Parameters<typeof resolveCorrelateRequest>[0]) => {
      try {
        resolveCorrelateRequest(request, NOW);
      } catch (e) {
        return e as CorrelateRequestError;
      }
      return undefined;
    };
    expect(error({ preset: 'nope' })).toMatchObject({
      field: 'preset',
      message: expect.stringMatching(/^unknown preset "nope"; known: latency-conversion, /),
    });
    expect(error({ season: 'monthly' })).toMatchObject({
      field: 'season',
      message: '"monthly" is not one of auto, weekly, daily, none',
    });
    expect(error({ technical: { kpi: 'p42' } })).toMatchObject({ field: 'technicalKpi' });
    expect(error({ maxLag: -1 })).toMatchObject({
      field: 'maxLag',
      message: 'must be a non-negative number, got "-1"',
    });
  });
});

describe('insights tests', () => {
  it('import nothing from the CLI: the library is tested on its own', async () => {
    const root = import.meta.dirname;
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts'));
    for (const file of files)
      expect(await readFile(join(root, file), 'utf8'), file).not.toMatch(/from '[^']*\/cli\//);
  });
});
