import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusClient, PrometheusError } from '../../src/index.ts';

// A real HTTP server standing in for what sits in front of Prometheus in practice (an auth
// proxy, a wrong URL, a slow server); Prometheus's own answers are tested in the e2e files.
let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function serve(
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

const matrix = (values: [number, string][]) =>
  JSON.stringify({
    status: 'success',
    data: { resultType: 'matrix', result: [{ metric: { job: 'shop' }, values }] },
  });
const range = { start: new Date(0), end: new Date(120_000), stepSeconds: 60 };

describe('createPrometheusClient', () => {
  it('sends the bearer token and the query as a form', async () => {
    const seen: { auth?: string; body?: string; path?: string } = {};
    const url = await serve((req, body, res) => {
      Object.assign(seen, { auth: req.headers.authorization, body, path: req.url });
      res.end(matrix([[0, '1']]));
    });
    await createPrometheusClient({ url: `${url}/`, auth: { bearerToken: 's3cret' } }).queryRange('up', range);
    expect(seen.auth).toBe('Bearer s3cret');
    expect(seen.path).toBe('/api/v1/query_range');
    expect(Object.fromEntries(new URLSearchParams(seen.body))).toEqual({
      query: 'up',
      start: '0',
      end: '120',
      step: '60',
    });
  });

  it('sends basic-auth credentials', async () => {
    let auth: string | undefined;
    const url = await serve((req, _body, res) => {
      auth = req.headers.authorization;
      res.end(matrix([]));
    });
    await createPrometheusClient({ url, auth: { username: 'grafana', password: 'p:w' } }).queryRange(
      'up',
      range,
    );
    expect(auth).toBe(`Basic ${Buffer.from('grafana:p:w').toString('base64')}`);
  });

  it('keeps NaN and ±Inf values as numbers', async () => {
    const url = await serve((_req, _body, res) =>
      res.end(
        matrix([
          [0, 'NaN'],
          [60, '+Inf'],
          [120, '-Inf'],
        ]),
      ),
    );
    const [series] = await createPrometheusClient({ url }).queryRange('x', range);
    expect(series?.points).toEqual([
      [0, Number.NaN],
      [60, Number.POSITIVE_INFINITY],
      [120, Number.NEGATIVE_INFINITY],
    ]);
    expect(series?.labels).toEqual({ job: 'shop' });
  });

  it('says that credentials were refused on 401', async () => {
    const url = await serve((_req, _body, res) => {
      res.statusCode = 401;
      res.end('Unauthorized');
    });
    const error = await createPrometheusClient({ url })
      .query('up')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrometheusError);
    expect((error as PrometheusError).kind).toBe('unauthorized');
    expect((error as PrometheusError).hint).toMatch(/bearer token or basic-auth/);
  });

  it('recognises a URL that is not the Prometheus API', async () => {
    const url = await serve((_req, _body, res) => {
      res.setHeader('content-type', 'text/html');
      res.end('<html>Grafana</html>');
    });
    const error = (await createPrometheusClient({ url })
      .query('up')
      .catch((e: unknown) => e)) as PrometheusError;
    expect(error.kind).toBe('not-prometheus');
    expect(error.message).toContain('HTTP 200, text/html');
  });

  it('gives the base URL hint on 404', async () => {
    const url = await serve((_req, _body, res) => {
      res.statusCode = 404;
      res.end('404 page not found');
    });
    const error = (await createPrometheusClient({ url: `${url}/api/v1` })
      .query('up')
      .catch((e: unknown) => e)) as PrometheusError;
    expect(error.kind).toBe('not-found');
    expect(error.hint).toContain('without /api/v1');
  });

  it('gives up after the timeout and says what to change', async () => {
    const url = await serve((_req, _body, res) => setTimeout(() => res.end(matrix([])), 2000));
    const error = (await createPrometheusClient({ url, timeoutMs: 100 })
      .queryRange('up', range)
      .catch((e: unknown) => e)) as PrometheusError;
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('within 100 ms');
  });

  it('passes an execution error through with its type', async () => {
    const url = await serve((_req, _body, res) => {
      res.statusCode = 422;
      res.end(
        JSON.stringify({
          status: 'error',
          errorType: 'execution',
          error: 'query processing would load too many samples into memory',
        }),
      );
    });
    const error = (await createPrometheusClient({ url })
      .query('up')
      .catch((e: unknown) => e)) as PrometheusError;
    expect(error.kind).toBe('execution');
    expect(error.message).toContain('execution: query processing would load too many samples');
  });

  it('splits a long range into requests of at most maxPointsPerSeries points on one grid', async () => {
    const requests: { start: number; end: number }[] = [];
    const url = await serve((_req, body, res) => {
      const p = new URLSearchParams(body);
      const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(p.get(k)));
      requests.push({ start: start as number, end: end as number });
      const values: [number, string][] = [];
      for (let t = start as number; t <= (end as number); t += step as number) values.push([t, String(t)]);
      res.end(matrix(values));
    });
    const [series] = await createPrometheusClient({ url, maxPointsPerSeries: 4 }).queryRange('x', {
      start: new Date(0),
      end: new Date(540_000),
      stepSeconds: 60,
    });
    expect(requests).toEqual([
      { start: 0, end: 180 },
      { start: 240, end: 420 },
      { start: 480, end: 540 },
    ]);
    expect(series?.points.map((p) => p[0])).toEqual([0, 60, 120, 180, 240, 300, 360, 420, 480, 540]);
  });
});
