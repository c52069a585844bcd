// A service process for the end-to-end suite: starts the SDK purely from OTEL_* environment
// variables, runs the deterministic workload on request, and keeps answering while backends fail.
// Run with: node --conditions=@bizmetrics/source workload-process.ts (WORKLOAD_PORT=… OTEL_…=…)
import { createServer } from 'node:http';
import { startBizMetrics } from '@bizmetrics/sdk';
import { runWorkload } from './workload.ts';

const biz = startBizMetrics();
let runs = 0;

const server = createServer((req, res) => {
  if (req.url === '/run') {
    runWorkload(biz);
    runs++;
  }
  if (req.url === '/flush') {
    biz.forceFlush().then(
      () => res.end('flushed'),
      (error: unknown) => res.end(`flush failed: ${String(error)}`),
    );
    return;
  }
  if (req.url === '/gc') (globalThis as { gc?: () => void }).gc?.();
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ runs, heapUsed: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss }));
});

process.on('unhandledRejection', (reason) => {
  console.error(`UNHANDLED REJECTION: ${String(reason)}`);
  process.exitCode = 99;
});

server.listen(Number(process.env['WORKLOAD_PORT'] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`workload listening on ${typeof address === 'object' && address ? address.port : address}`);
});
process.on('SIGTERM', () => server.close());
