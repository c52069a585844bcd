import type { OwnedMetric } from '@bizmetrics/core/aggregation';
import { DataPointType, type MetricData, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { ownedMetricOf } from './owned-producer.ts';

/** What the Prometheus exporter asks of its serializer. */
interface Serializer {
  serialize(resourceMetrics: ResourceMetrics): string;
}

/** The exporter's serializer fields that change its output; ours matches only the defaults. */
interface SerializerOptions {
  _prefix?: unknown;
  _appendTimestamp?: unknown;
  _withResourceConstantLabels?: unknown;
  _withoutScopeInfo?: unknown;
  _withoutTargetInfo?: unknown;
}

const NO_REGISTERED_METRICS = '# no registered metrics';

/**
 * Writes the Prometheus text of the metrics core aggregates straight from their data points —
 * label keys, names and the scope label escaped once per metric, not once per series as the
 * exporter's generic serializer does — and leaves everything else (target_info, the SDK's own
 * instruments) to that serializer. The output is byte for byte what the generic serializer writes
 * with the exporter's default options (`test/prometheus-text.test.ts` compares them).
 */
export function createPrometheusText(base: Serializer): Serializer {
  const layouts = new WeakMap<OwnedMetric, Map<string, Layout>>();
  const layoutOf = (metric: OwnedMetric, data: MetricData, scope: string): Layout => {
    let byScope = layouts.get(metric);
    if (!byScope) {
      byScope = new Map();
      layouts.set(metric, byScope);
    }
    let layout = byScope.get(scope);
    if (!layout) {
      layout = createLayout(metric, data, scope);
      byScope.set(scope, layout);
    }
    return layout;
  };
  return {
    serialize(resourceMetrics) {
      const sdk: ResourceMetrics['scopeMetrics'] = [];
      const owned: Array<{ data: MetricData; layout: Layout }> = [];
      for (const scopeMetrics of resourceMetrics.scopeMetrics) {
        const others: MetricData[] = [];
        for (const data of scopeMetrics.metrics) {
          const metric = ownedMetricOf(data);
          if (metric) owned.push({ data, layout: layoutOf(metric, data, scopeMetrics.scope.name) });
          else others.push(data);
        }
        if (others.length > 0) sdk.push({ scope: scopeMetrics.scope, metrics: others });
      }
      if (owned.length === 0 || collides(owned, sdk)) return base.serialize(resourceMetrics);
      let text = base.serialize({ resource: resourceMetrics.resource, scopeMetrics: sdk });
      if (text.endsWith(NO_REGISTERED_METRICS)) text = text.slice(0, -NO_REGISTERED_METRICS.length);
      for (const { data, layout } of owned) text += layout.write(data);
      return text;
    },
  };
}

/** True when the exporter's serializer was built with its default options, the ones we match. */
export function hasDefaultOptions(serializer: unknown): boolean {
  const s = serializer as SerializerOptions | undefined;
  return (
    typeof (serializer as Serializer | undefined)?.serialize === 'function' &&
    s?._prefix === undefined &&
    !s?._appendTimestamp &&
    !s?._withResourceConstantLabels &&
    !s?._withoutScopeInfo &&
    !s?._withoutTargetInfo
  );
}

/** Two families under one name would need the generic serializer's merging: leave it to it. */
function collides(owned: ReadonlyArray<{ layout: Layout }>, sdk: ResourceMetrics['scopeMetrics']): boolean {
  const names = new Set(owned.map((o) => o.layout.name));
  if (names.size < owned.length) return true;
  for (const s of sdk) for (const m of s.metrics) if (names.has(promNameOf(m))) return true;
  return false;
}

interface Layout {
  readonly name: string;
  write(data: MetricData): string;
}

function createLayout(metric: OwnedMetric, data: MetricData, scope: string): Layout {
  const name = promNameOf(data);
  const { description, unit } = data.descriptor;
  const type =
    data.dataPointType === DataPointType.HISTOGRAM ? 'histogram' : isCounter(data) ? 'counter' : 'gauge';
  const header = `# HELP ${name} ${escapeString(description || 'description missing')}\n${
    unit ? `# UNIT ${name} ${escapeString(unit)}\n` : ''
  }# TYPE ${name} ${type}\n`;
  const keys = metric.def.labelKeys;
  const opens = keys.map((k, i) => `${i === 0 ? '' : ','}${sanitize(k)}="`);
  const scopeLabel = `${keys.length === 0 ? '' : ','}otel_scope_name="${escapeValue(scope)}"`;
  const labels = (attributes: Readonly<Record<string, unknown>>): string => {
    let out = '';
    for (let i = 0; i < keys.length; i++)
      out += `${opens[i]}${escapeValue(String(attributes[keys[i]!] ?? ''))}"`;
    return out + scopeLabel;
  };
  if (metric.kind === 'sum')
    return {
      name,
      write(d) {
        let text = header;
        for (const p of d.dataPoints)
          text += `${name}{${labels(p.attributes)}} ${valueString(p.value as number)}\n`;
        return text;
      },
    };
  const les = [
    ...metric.boundaries.map((b) => `,le="${b === Infinity ? '+Inf' : String(b)}"}`),
    ',le="+Inf"}',
  ];
  return {
    name,
    write(d) {
      let text = header;
      for (const p of d.dataPoints) {
        const h = p.value as { count: number; sum?: number; buckets: { counts: number[] } };
        const l = labels(p.attributes);
        text += `${name}_count{${l}} ${valueString(h.count)}\n`;
        if (h.sum != null) text += `${name}_sum{${l}} ${valueString(h.sum)}\n`;
        let cumulative = 0;
        const counts = h.buckets.counts;
        for (let i = 0; i < counts.length; i++) {
          cumulative += counts[i]!;
          text += `${name}_bucket{${l}${les[i]} ${valueString(cumulative)}\n`;
        }
      }
      return text;
    },
  };
}

function isCounter(data: MetricData): boolean {
  return data.dataPointType === DataPointType.SUM && data.isMonotonic;
}

/** The exporter's name rule: sanitized, a leading digit guarded, `_total` on monotonic sums. */
function promNameOf(data: MetricData): string {
  let name = sanitize(escapeString(data.descriptor.name));
  if (name[0]! >= '0' && name[0]! <= '9') name = `_${name}`;
  if (!name.endsWith('_total') && isCounter(data)) name += '_total';
  return name;
}

function sanitize(name: string): string {
  return name.replace(/[^a-z0-9_]/gi, '_').replace(/_{2,}/g, '_');
}

function escapeString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

const NEEDS_ESCAPE = /[\\\n"]/;
function escapeValue(s: string): string {
  return NEEDS_ESCAPE.test(s) ? escapeString(s).replace(/"/g, '\\"') : s;
}

function valueString(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return `${value}`;
}
