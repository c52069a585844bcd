import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Backend,
  COLLECTOR_DIR,
  CREDENTIAL_OVERLAYS,
  configFiles,
  EXPORTER_OVERLAYS,
  envReferences,
  OPTIONAL_OVERLAYS,
} from '../src/compose.ts';
import { TLS_EXAMPLE_BACKEND, TLS_EXAMPLE_ENV } from '../src/shipped.ts';

const README = readFileSync(join(COLLECTOR_DIR, 'README.md'), 'utf8');
const FILES = [
  'base.yaml',
  'catalog.yaml',
  ...Object.values(OPTIONAL_OVERLAYS),
  ...Object.values(EXPORTER_OVERLAYS),
  ...Object.values(CREDENTIAL_OVERLAYS),
];

/** README table rows: | `VAR` | `default` or required | meaning | */
const documented = new Map(
  [...README.matchAll(/^\| `([A-Z0-9_]+)` *\| (?:`([^`]*)`|(required|empty)) *\|/gm)].map((m) => [
    m[1]!,
    m[3] === 'required' ? undefined : (m[2] ?? ''),
  ]),
);

const REFS = FILES.flatMap((file) =>
  envReferences(readFileSync(join(COLLECTOR_DIR, file), 'utf8')).map((ref) => [file, ref.name, ref] as const),
);

describe('every env variable of the collector configs', () => {
  it('is found in the files (the check below is not vacuous)', () => {
    expect(REFS.length).toBeGreaterThan(10);
  });

  it.each(REFS)('%s: env variable %s has a README.md row with its default', (_file, name, ref) => {
    expect(documented.has(name), `${name} has no row in collector/README.md`).toBe(true);
    expect(documented.get(name), `${name}: README default`).toBe(ref.fallback);
  });
});

describe('collector/README.md', () => {
  it('documents no variable the configs do not read', () => {
    expect(documented.size).toBeGreaterThan(10);
    const used = new Set(
      FILES.flatMap((f) => envReferences(readFileSync(join(COLLECTOR_DIR, f), 'utf8')).map((r) => r.name)),
    );
    expect([...documented.keys()].filter((n) => !used.has(n))).toEqual([]);
  });
});

describe('the command lines in collector/README.md', () => {
  it('shows the TLS overlay between the catalog and the exporter overlay, with its variables', () => {
    const [base, catalog, exporter] = configFiles(TLS_EXAMPLE_BACKEND);
    expect(README).toContain(
      `otelcol --config ${base} --config ${catalog} --config ${OPTIONAL_OVERLAYS.tls} --config ${exporter}`,
    );
    for (const [name, value] of Object.entries(TLS_EXAMPLE_ENV)) expect(README).toContain(`${name}=${value}`);
  });

  it.each(Object.keys(EXPORTER_OVERLAYS) as Backend[])(
    'shows the exact command for the %s backend',
    (backend) => {
      expect(README).toContain(
        `otelcol ${configFiles(backend)
          .map((f) => `--config ${f}`)
          .join(' ')}`,
      );
    },
  );
});
