import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { standardCatalog } from '@bizmetrics/core';
import { selfCatalog } from '@bizmetrics/core/catalog';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  catalogFilter,
  catalogTransform,
  type DatapointGroup,
  type MetricGroup,
  metricAggregation,
  metricStatements,
} from '../src/catalog-transform.ts';
import { COLLECTOR_DIR } from '../src/compose.ts';
import { generatedFiles } from '../src/generate.ts';

const ROOT = resolve(COLLECTOR_DIR, '..');

describe('checked-in generated files', () => {
  it.each(generatedFiles().map((f) => [f.path, f] as const))(
    '%s equals a fresh generation (run `corepack pnpm --filter @bizmetrics/collector-config generate`)',
    (path, file) => {
      expect(readFileSync(join(ROOT, path), 'utf8')).toBe(file.content);
    },
  );
});

const METRICS = [...Object.values(standardCatalog), ...Object.values(selfCatalog)];

describe('the catalog transform', () => {
  const transform = catalogTransform(standardCatalog, selfCatalog);
  const datapointGroups = transform.metric_statements.filter(
    (g): g is DatapointGroup => g.context === 'datapoint',
  );

  it('has one datapoint statement group per catalog metric, matched by name', () => {
    const names = METRICS.map((m) => `metric.name == "${m.name}"`);
    expect(datapointGroups.map((g) => g.conditions[0])).toEqual(names);
  });

  it('ends with one metric-context group that sums each metric on its declared keys', () => {
    const last = transform.metric_statements.at(-1) as MetricGroup;
    expect(transform.metric_statements).toHaveLength(METRICS.length + 1);
    expect(last.context).toBe('metric');
    expect(last.statements).toEqual(METRICS.map(metricAggregation));
    expect(last.statements).toContain(
      'aggregate_on_attributes("sum", ["funnel","step","source","device_type","experiment_variant"]) where metric.name == "business.funnel.steps"',
    );
  });

  it('aggregates on exactly the keys the datapoint statements keep, for every metric', () => {
    for (const m of METRICS) {
      const kept = /^keep_keys\(datapoint\.attributes, (\[.*\])\)$/.exec(metricStatements(m).statements[0]!);
      const summed = /^aggregate_on_attributes\("sum", (\[.*\])\) where /.exec(metricAggregation(m));
      expect(summed?.[1], m.name).toBe(kept?.[1]);
    }
  });

  it('keeps exactly the declared label keys of the revenue counter', () => {
    const group = metricStatements(standardCatalog.revenue);
    expect(group.statements[0]).toBe(
      'keep_keys(datapoint.attributes, ["currency","product_category","payment_method","region"])',
    );
  });

  it('maps device_type values outside the declared set to other', () => {
    const group = metricStatements(standardCatalog.conversions);
    expect(group.statements).toContain(
      'set(datapoint.attributes["device_type"], "other") where not IsMatch(datapoint.attributes["device_type"], "^(desktop|mobile|tablet|other)$")',
    );
  });

  it('maps free-form values longer than the declared maximum to other, 64 by default', () => {
    expect(metricStatements(standardCatalog.sessionDuration).statements).toContain(
      'set(datapoint.attributes["entry_page"], "other") where Len(datapoint.attributes["entry_page"]) > 60',
    );
    expect(metricStatements(standardCatalog.revenue).statements).toContain(
      'set(datapoint.attributes["currency"], "other") where Len(datapoint.attributes["currency"]) > 64',
    );
  });

  it('parses back from catalog.yaml as the same processor', () => {
    const file = parse(readFileSync(join(COLLECTOR_DIR, 'catalog.yaml'), 'utf8')) as {
      processors: Record<string, unknown>;
    };
    expect(file.processors['transform/catalog']).toEqual(JSON.parse(JSON.stringify(transform)));
  });
});

describe('the catalog filter', () => {
  const filter = catalogFilter(standardCatalog, selfCatalog);
  const business = Object.values(standardCatalog).map((m) => m.name);

  it('drops business.* metrics that are not in the catalog, and nothing else', () => {
    expect(filter.metric_conditions).toEqual([
      `HasPrefix(metric.name, "business.") and not ContainsValue(${JSON.stringify(business)}, metric.name)`,
    ]);
  });

  it('parses back from catalog.yaml as the same processor', () => {
    const file = parse(readFileSync(join(COLLECTOR_DIR, 'catalog.yaml'), 'utf8')) as {
      processors: Record<string, unknown>;
    };
    expect(file.processors['filter/catalog']).toEqual(JSON.parse(JSON.stringify(filter)));
  });
});
