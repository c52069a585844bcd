import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/** The web example (examples/web), whose build the shop serves at `/`. */
export const WEB_ROOT = resolve(import.meta.dirname, '../../../web');

/**
 * Builds the web example into `outDir` (default its own `dist`, which the shop serves) unless it is
 * already built; returns the folder, or undefined when the example is absent or the build fails.
 */
export async function ensureWebPage(outDir = join(WEB_ROOT, 'dist')): Promise<string | undefined> {
  if (existsSync(join(outDir, 'index.html'))) return outDir;
  if (!existsSync(join(WEB_ROOT, 'index.html'))) return undefined;
  try {
    await build({ root: WEB_ROOT, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    return outDir;
  } catch {
    return undefined;
  }
}
