import type { AlertState } from './alerts.ts';
import type { KpiSnapshot } from './kpi-snapshot.ts';

/** Everything one frame of the live view shows. */
export interface Frame {
  readonly elapsedSeconds: number;
  /** How the shop's metrics travel, e.g. `shop → OTLP → collector → Prometheus`. */
  readonly path: string;
  readonly kpis: KpiSnapshot | undefined;
  readonly alerts: readonly AlertState[] | undefined;
  readonly incident: string | undefined;
  readonly urls: readonly [string, string][];
  readonly notes: readonly string[];
  readonly traffic: { visits: number; orders: number; failedVisits: number };
}

const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | undefined, digits = 0) => (x === undefined ? '—' : x.toFixed(digits));
const money = (x: number) =>
  x.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

/** Renders one frame as plain text lines (the live view and the summary share them). */
export function renderFrame(f: Frame): string[] {
  const k = f.kpis;
  const lines = [
    `bizmetrics demo — ${Math.round(f.elapsedSeconds)}s — incident: ${f.incident ?? 'none'} — KPIs over the last minute from ${k?.source ?? '…'}`,
    `  path: ${f.path}`,
    // Shoppers take 10-20 s per visit, so the first minute shows journeys still under way.
    f.elapsedSeconds < 75
      ? '  (warming up: the first journeys are still under way, the 1-minute windows are filling)'
      : '',
    `  checkout conversion ${pct(k?.conversion).padStart(7)}   abandonment ${pct(k?.abandonment).padStart(7)}   cart views/min ${num(k?.cartViewsPerMinute).padStart(5)}   orders/min ${num(k?.ordersPerMinute).padStart(5)}`,
    `  payment failures/min ${num(k?.paymentFailuresPerMinute).padStart(5)}   active sessions ${num(k?.activeSessions).padStart(5)}   new-user feature uses/min ${num(k?.newUserFeatureUsesPerMinute).padStart(5)}`,
    '',
    '  revenue per minute by region            order value (p50 / p90 / p99)',
  ];
  const revenue = [...(k?.revenuePerMinute ?? [])].sort((a, b) => a.region.localeCompare(b.region));
  const values = [...(k?.orderValue ?? [])].sort((a, b) => a.currency.localeCompare(b.currency));
  for (let i = 0; i < Math.max(revenue.length, values.length, 1); i++) {
    const r = revenue[i];
    const v = values[i];
    const left = r ? `${r.region.padEnd(10)} ${money(r.perMinute).padStart(12)} ${r.currency}` : '';
    const right = v ? `${v.currency} ${money(v.p50)} / ${money(v.p90)} / ${money(v.p99)}` : '';
    lines.push(`  ${left.padEnd(40)}${right}`);
  }
  // Alerts that went pending while the first minute of data came in, and never fired, are noise.
  const shown = (f.alerts ?? []).filter((a) => a.state !== 'resolved' || a.firingAt !== undefined);
  lines.push('', '  alerts');
  if (!f.alerts) lines.push('    (no Prometheus: alerts need the local stack)');
  else if (shown.length === 0) lines.push('    none pending or firing');
  for (const a of shown) {
    const extra = Object.entries(a.labels)
      .filter(([key]) => !['alertname', 'severity', 'team', 'kpi'].includes(key))
      .map(([key, v]) => `${key}=${v}`)
      .join(' ');
    const am = a.inAlertmanagerAt ? ' (in Alertmanager)' : '';
    lines.push(`    ${a.state.toUpperCase().padEnd(8)} ${a.name} ${extra}${am}`);
  }
  lines.push(
    '',
    `  traffic: ${f.traffic.visits} visits, ${f.traffic.orders} orders, ${f.traffic.failedVisits} failed visits`,
    '',
  );
  for (const [name, url] of f.urls) lines.push(`  ${name.padEnd(14)} ${url}`);
  for (const n of f.notes) lines.push(`  ${n}`);
  return lines;
}

/** Clears the terminal and draws a frame (ANSI: home, clear screen). */
export function drawFrame(out: NodeJS.WriteStream, f: Frame): void {
  out.write(`\x1b[H\x1b[2J${renderFrame(f).join('\n')}\n  Ctrl-C stops everything.\n`);
}

/** One plain line for runs without the live view (`--for`, or output that is not a terminal). */
export function statusLine(
  elapsedSeconds: number,
  k: KpiSnapshot | undefined,
  alerts: readonly AlertState[] | undefined,
): string {
  const by = (state: AlertState['state']) =>
    (alerts ?? [])
      .filter((a) => a.state === state)
      .map((a) => a.name)
      .join(', ') || 'none';
  const alertText = alerts ? `; pending: ${by('pending')}; firing: ${by('firing')}` : '';
  return `${Math.round(elapsedSeconds)}s: conversion ${pct(k?.conversion)}, abandonment ${pct(k?.abandonment)}, orders/min ${num(k?.ordersPerMinute)}, active sessions ${num(k?.activeSessions)}${alertText}`;
}
