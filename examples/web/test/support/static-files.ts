import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.css': 'text/css' };

/**
 * Serves a built single-page app: files under `dir`, `index.html` for every other path (deep links),
 * with the page's gateway endpoint and export interval written into its meta tags.
 */
export function serveApp(dir: string, config: { endpoint: string; intervalMs: number }) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    if (path === '/bye') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bye</title><p>bye</p>');
      return;
    }
    if (path.startsWith('/assets/')) {
      try {
        const body = await readFile(join(dir, path));
        res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
    const html = (await readFile(join(dir, 'index.html'), 'utf8'))
      .replace('content="/v1/metrics"', `content="${config.endpoint}"`)
      .replace('content="15000"', `content="${config.intervalMs}"`);
    res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  };
}
