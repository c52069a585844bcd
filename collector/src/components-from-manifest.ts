/**
 * Rebuilds the module list of `components.<version>.json` from a release manifest of the contrib
 * distribution (`distributions/otelcol-contrib/manifest.yaml` in
 * open-telemetry/opentelemetry-collector-releases), keeping the curated `types` section as it is.
 *
 *   node --conditions=@bizmetrics/source src/components-from-manifest.ts manifest.yaml components.0.159.0.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const KINDS = ['receivers', 'processors', 'exporters', 'extensions', 'connectors'] as const;

/** Go module paths per component kind, without versions, from a builder manifest. */
export function modulesFromManifest(text: string): Record<(typeof KINDS)[number], string[]> {
  const manifest = parse(text) as Record<string, { gomod: string }[] | undefined>;
  const out = {} as Record<(typeof KINDS)[number], string[]>;
  for (const kind of KINDS) out[kind] = (manifest[kind] ?? []).map((c) => c.gomod.split(' ')[0]!).sort();
  return out;
}

if (import.meta.main) {
  const [manifestPath, jsonPath] = process.argv.slice(2);
  if (!manifestPath || !jsonPath)
    throw new Error('usage: components-from-manifest.ts <manifest.yaml> <components.json>');
  const data = JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, unknown>;
  data['modules'] = modulesFromManifest(readFileSync(manifestPath, 'utf8'));
  writeFileSync(jsonPath, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`wrote ${jsonPath}`);
}
