import type { Catalog, MetricDef } from '@bizmetrics/core';
import { OTHER } from '@bizmetrics/core';

/** Longest free-form label value when a label declares none (the SDK guard's default). */
const DEFAULT_MAX_LENGTH = 64;

/** One OTTL statement group of the transform processor, as YAML data. */
export interface StatementGroup {
  readonly context: 'datapoint';
  readonly conditions: readonly string[];
  readonly statements: readonly string[];
}

/** The `transform` processor config that enforces a catalog's label allow-lists. */
export interface CatalogTransform {
  readonly error_mode: 'ignore';
  readonly metric_statements: readonly StatementGroup[];
}

const quote = (s: string): string => JSON.stringify(s);
const attr = (key: string): string => `datapoint.attributes[${quote(key)}]`;
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * OTTL statements for one metric, mirroring the SDK's label guard: undeclared keys removed, every
 * declared key present, values outside the declared set, empty or too long become `other`.
 * Statements run in order, so the length check only ever sees a present value.
 */
export function metricStatements(metric: MetricDef): StatementGroup {
  const statements = [`keep_keys(datapoint.attributes, ${JSON.stringify(metric.labelKeys)})`];
  for (const key of metric.labelKeys) {
    const spec = metric.labels[key] ?? {};
    const a = attr(key);
    statements.push(`set(${a}, ${quote(OTHER)}) where ${a} == nil or ${a} == ""`);
    if (spec.values) {
      const allowed = [...spec.values, OTHER].map(escapeRegex).join('|');
      statements.push(`set(${a}, ${quote(OTHER)}) where not IsMatch(${a}, ${quote(`^(${allowed})$`)})`);
    } else {
      statements.push(`set(${a}, ${quote(OTHER)}) where Len(${a}) > ${spec.maxLength ?? DEFAULT_MAX_LENGTH}`);
    }
  }
  return { context: 'datapoint', conditions: [`metric.name == ${quote(metric.name)}`], statements };
}

/** The transform processor for every metric of the given catalogs, in catalog order. */
export function catalogTransform(...catalogs: readonly Catalog[]): CatalogTransform {
  const metrics = catalogs.flatMap((c) => Object.values(c));
  return { error_mode: 'ignore', metric_statements: metrics.map(metricStatements) };
}
