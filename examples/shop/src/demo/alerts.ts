/** One alert as the demo tracks it. */
export interface AlertState {
  readonly name: string;
  state: 'pending' | 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  /** When Prometheus first reported it pending and firing, and when Alertmanager first had it. */
  pendingAt?: number;
  firingAt?: number;
  inAlertmanagerAt?: number;
}

/** Follows alerts through Prometheus (pending, firing) and Alertmanager (received). */
export interface AlertWatch {
  poll(): Promise<void>;
  readonly alerts: readonly AlertState[];
  /** Alerts that reached firing at some point. */
  fired(): readonly AlertState[];
}

/** Watches `prometheusUrl`'s `/api/v1/alerts` and `alertmanagerUrl`'s `/api/v2/alerts`. */
export function createAlertWatch(prometheusUrl: string, alertmanagerUrl: string): AlertWatch {
  const byKey = new Map<string, AlertState>();
  const key = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort());
  const get = async <T>(url: string): Promise<T> => {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return (await res.json()) as T;
  };
  return {
    async poll() {
      const now = Date.now();
      const prom = await get<{ data: { alerts: { labels: Record<string, string>; state: string }[] } }>(
        `${prometheusUrl}/api/v1/alerts`,
      );
      const seen = new Set<string>();
      for (const a of prom.data.alerts) {
        const k = key(a.labels);
        seen.add(k);
        let s = byKey.get(k);
        if (!s) {
          s = { name: a.labels['alertname'] ?? '?', state: 'pending', labels: a.labels };
          byKey.set(k, s);
        }
        s.state = a.state === 'firing' ? 'firing' : 'pending';
        s.pendingAt ??= now;
        if (s.state === 'firing') s.firingAt ??= now;
      }
      for (const [k, s] of byKey) if (!seen.has(k)) s.state = 'resolved';
      const am = await get<{ labels: Record<string, string> }[]>(`${alertmanagerUrl}/api/v2/alerts`);
      for (const a of am) {
        const s = byKey.get(key(a.labels));
        if (s) s.inAlertmanagerAt ??= now;
      }
    },
    get alerts() {
      return [...byKey.values()];
    },
    fired: () => [...byKey.values()].filter((s) => s.firingAt !== undefined),
  };
}
