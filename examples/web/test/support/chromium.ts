import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, installed by `.ci/install-chromium.sh`. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Launches real headless Chromium. playwright-core gives every launch a fresh `--user-data-dir`
 * of its own (and refuses one in `args`), so no profile state leaks between runs.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
