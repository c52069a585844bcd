import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.css': 'text/css' };

/** What the page's meta tags are set to. */
export interface PageConfig {
  endpoint: string;
  intervalMs: number;
  /** Session inactivity timeout (default: the page's 30 minutes). */
  sessionIdleMs?: number;
  /** `pending`: the page records nothing until `bizmetrics.grantConsent()`. */
  consent?: 'granted' | 'pending';
}

/**
 * Serves a built single-page app: files under `dir`, `index.html` for every other path (deep links),
 * with the page's gateway endpoint, export interval, session timeout and consent mode written into
 * its meta tags.
 */
export function serveApp(dir: string, config: PageConfig) {
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
      .replace('content="15000"', `content="${config.intervalMs}"`)
      .replace('content="1800000"', `content="${config.sessionIdleMs ?? 1_800_000}"`)
      .replace('content="granted"', `content="${config.consent ?? 'granted'}"`);
    res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  };
}
