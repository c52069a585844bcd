import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { selfCatalog, standardCatalog } from '@bizmetrics/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalogTransform, metricStatements } from '../src/catalog-transform.ts';
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

describe('the catalog transform', () => {
  const transform = catalogTransform(standardCatalog, selfCatalog);

  it('has one statement group per catalog metric, matched by name', () => {
    const names = [...Object.values(standardCatalog), ...Object.values(selfCatalog)].map(
      (m) => `metric.name == "${m.name}"`,
    );
    expect(transform.metric_statements.map((g) => g.conditions[0])).toEqual(names);
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
