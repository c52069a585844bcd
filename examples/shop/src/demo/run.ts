import { INCIDENTS, type IncidentName } from '../shop/incidents.ts';
import { expectedKpis } from '../traffic/expected.ts';
import { startTraffic, type Traffic } from '../traffic/generator.ts';
import { type AlertState, type AlertWatch, createAlertWatch } from './alerts.ts';
import { demoRulesYaml } from './demo-rules.ts';
import type { KpiReader, KpiSnapshot } from './kpi-snapshot.ts';
import { type MetricsPath, type MetricsPathName, startMetricsPath } from './metrics-path.ts';
import { portOr } from './ports.ts';
import { createPrometheusReader } from './prometheus-reader.ts';
import { createScrapeReader } from './scrape-reader.ts';
import { type ShopProcess, startShopProcess } from './shop-process.ts';
import { type DemoStack, demoStackInstalled, startDemoStack } from './stack.ts';
import { drawFrame, type Frame, renderFrame, statusLine } from './view.ts';
import { ensureWebPage } from './web-page.ts';

/** Options of one demo run. */
export interface DemoOptions {
  readonly incident?: IncidentName | undefined;
  /** How the shop's metrics reach Prometheus: its /metrics scraped, or OTLP through our collector. */
  readonly via: MetricsPathName;
  /** Seconds of normal traffic before the incident starts. */
  readonly incidentAfterSeconds: number;
  /** Run this long without the terminal UI, print a summary and return; undefined: until a signal. */
  readonly forSeconds?: number | undefined;
  readonly visitorsPerSecond: number;
  readonly seed: number;
  /** False: do not start Prometheus and Alertmanager even when installed. */
  readonly stack: boolean;
  readonly refreshSeconds: number;
}

/** What the demo leaves behind: the alerts that fired, the last KPIs and the pids it stopped. */
export interface DemoSummary {
  readonly seconds: number;
  readonly fired: readonly AlertState[];
  readonly kpis: KpiSnapshot | undefined;
  readonly pids: Readonly<Record<string, number>>;
  readonly traffic: Traffic['stats'];
}

const log = (line: string) => process.stdout.write(`${line}\n`);

/** Runs the demo: shop, traffic, and Prometheus + Alertmanager with the demo rules when installed. */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const started = Date.now();
  const interactive = options.forSeconds === undefined && process.stdout.isTTY;
  const notes: string[] = [];
  let path: MetricsPath | undefined;
  let shop: ShopProcess | undefined;
  let stack: DemoStack | undefined;
  let traffic: Traffic | undefined;
  const stopAll = async () => {
    await traffic?.stop();
    await stack?.stop();
    // The shop flushes its last export on the way out, so the collector stops after it.
    await shop?.stop();
    await path?.stop();
  };
  // A signal during start-up or the run ends the run; everything started is stopped by its pid.
  let signalled!: () => void;
  const stopRequested = new Promise<void>((r) => {
    signalled = r;
  });
  const onSignal = () => signalled();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    path = await startMetricsPath(options.via, log);
    const shopPort = await portOr(3000);
    const webDir = await ensureWebPage();
    log(`starting the shop on 127.0.0.1:${shopPort} …`);
    shop = await startShopProcess({
      SHOP_PORT: String(shopPort),
      SHOP_HOST: '127.0.0.1',
      SHOP_SEED: String(options.seed),
      ...(webDir ? { SHOP_WEB_DIR: webDir } : {}),
      OTEL_SERVICE_NAME: 'shop',
      ...path.shopEnv,
    });
    const expected = expectedKpis(options.visitorsPerSecond);
    let reader: KpiReader = createScrapeReader(path.metricsUrl);
    let alerts: AlertWatch | undefined;
    if (!options.stack)
      notes.push(`Prometheus and Alertmanager skipped (--no-stack): KPIs come from ${path.metricsUrl}.`);
    else if (!demoStackInstalled())
      notes.push(
        `Prometheus and Alertmanager are not installed, so no rules or alerts: KPIs come from ${path.metricsUrl}.`,
        'Add them with `corepack pnpm stack:install`, then run `corepack pnpm demo` again.',
      );
    else {
      log('starting Alertmanager and Prometheus with the demo rules …');
      stack = await startDemoStack(path.scrapeJob, demoRulesYaml(expected));
      reader = createPrometheusReader(stack.prometheus.url);
      alerts = createAlertWatch(stack.prometheus.url, stack.alertmanager.url);
    }
    const pids: Record<string, number> = { shop: shop.pid, ...path.pids };
    if (stack)
      Object.assign(pids, { prometheus: stack.prometheus.pid, alertmanager: stack.alertmanager.pid });
    const urls: [string, string][] = [['shop', shop.url], ...path.urls];
    if (shop.web)
      urls.push(['web page', `${shop.url}/products/42 (browser metrics through the gateway handler)`]);
    else
      notes.push(
        'The web page is not built: `corepack pnpm --filter @bizmetrics/example-web build` adds it.',
      );
    if (stack)
      urls.push(
        ['prometheus', `${stack.prometheus.url}/alerts`],
        ['alertmanager', stack.alertmanager.url],
        ['rules', stack.rulesFile],
      );
    const pathLine = path.describe(stack !== undefined);
    if (!interactive) log(`path: ${pathLine}`);
    // One machine-readable line: the metrics path and what runs where, for scripts and tests.
    log(`demo-started ${JSON.stringify({ path: path.name, pids, urls: Object.fromEntries(urls) })}`);

    traffic = startTraffic({
      baseUrl: shop.url,
      visitorsPerSecond: options.visitorsPerSecond,
      seed: options.seed,
    });
    let incident: string | undefined;
    const incidentTimer = options.incident
      ? setTimeout(async () => {
          const name = options.incident!;
          try {
            const res = await fetch(`${shop!.url}/api/incident`, {
              method: 'PUT',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ name }),
            });
            if (!res.ok) throw new Error(`the shop answered ${res.status}`);
            incident = `${name} (${INCIDENTS[name].description}; expect ${INCIDENTS[name].alert})`;
          } catch (error) {
            incident = `${name} could not be started: ${(error as Error).message}`;
          }
          if (!interactive) log(`incident: ${incident}`);
        }, options.incidentAfterSeconds * 1000)
      : undefined;
    if (options.incident && !interactive)
      log(`incident ${options.incident} starts in ${options.incidentAfterSeconds}s`);

    let kpis: KpiSnapshot | undefined;
    let problem: string | undefined;
    const frame = (): Frame => ({
      elapsedSeconds: (Date.now() - started) / 1000,
      path: pathLine,
      kpis,
      alerts: alerts?.alerts,
      incident:
        incident ??
        (options.incident ? `${options.incident} in ${options.incidentAfterSeconds}s` : undefined),
      urls,
      notes: problem ? [...notes, problem] : notes,
      traffic: traffic!.stats,
    });
    const refresh = async () => {
      try {
        kpis = await reader.read();
        await alerts?.poll();
        problem = undefined;
      } catch (error) {
        problem = `last refresh failed: ${(error as Error).message}`;
        if (!interactive) log(problem);
      }
      if (interactive) drawFrame(process.stdout, frame());
    };
    const deadline = options.forSeconds !== undefined ? started + options.forSeconds * 1000 : Infinity;
    let lastFired = 0;
    let lastStatus = started;
    while (Date.now() < deadline) {
      await refresh();
      if (!interactive && Date.now() - lastStatus >= 30_000) {
        lastStatus = Date.now();
        log(statusLine((Date.now() - started) / 1000, kpis, alerts?.alerts));
      }
      const fired = alerts?.fired() ?? [];
      if (!interactive && fired.length > lastFired) {
        for (const a of fired.slice(lastFired))
          log(`alert firing: ${a.name} after ${Math.round((a.firingAt! - started) / 1000)}s`);
        lastFired = fired.length;
      }
      const wait = Math.min(options.refreshSeconds * 1000, Math.max(0, deadline - Date.now()));
      const stop = await Promise.race([
        stopRequested.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), wait)),
      ]);
      if (stop) break;
    }
    clearTimeout(incidentTimer);
    await refresh().catch(() => {});
    const summary: DemoSummary = {
      seconds: (Date.now() - started) / 1000,
      fired: alerts?.fired() ?? [],
      kpis,
      pids,
      traffic: { ...traffic.stats },
    };
    if (!interactive) log(renderFrame(frame()).join('\n'));
    return summary;
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
