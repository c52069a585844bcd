import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiReport, packageEntries, renderPackageReport, reportPath } from '../src/index.ts';

/** STYLE 3 and issue 18: a package's main entry fits on one screen. */
const MAX_MAIN_EXPORTS = 20;

const reports = apiReport(packageEntries());
const byPackage = new Map<string, typeof reports>();
for (const r of reports) byPackage.set(r.entry.packageDir, [...(byPackage.get(r.entry.packageDir) ?? []), r]);

describe('API reports', () => {
  it('cover every workspace package under packages/ and the local stack', () => {
    expect([...byPackage.keys()]).toEqual(
      expect.arrayContaining([
        'deploy/local',
        'packages/alert-quality',
        'packages/browser',
        'packages/cli',
        'packages/core',
        'packages/gateway',
        'packages/insights',
        'packages/rules',
        'packages/sdk',
      ]),
    );
  });

  it.each([...byPackage.keys()])('%s/api-report.md is up to date (corepack pnpm api-report)', (dir) => {
    const checkedIn = readFileSync(reportPath(dir), 'utf8');
    expect(checkedIn).toBe(renderPackageReport(byPackage.get(dir)!));
  });

  it.each(
    reports
      .filter((r) => r.entry.subpath === '.')
      .map((r) => [r.entry.packageName, r.exports.length] as const),
  )('%s main entry has at most 20 exports (has %i)', (_name, count) => {
    expect(count).toBeLessThanOrEqual(MAX_MAIN_EXPORTS);
  });
});

describe('package exports', () => {
  const root = join(import.meta.dirname, '../../..');
  const built = readdirSync(join(root, 'packages'))
    .map((d) => join(root, 'packages', d, 'package.json'))
    .flatMap((file) => {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
          name: string;
          exports?: Record<string, Record<string, string>>;
        };
        return Object.entries(pkg.exports ?? {})
          .filter(([, t]) => typeof t === 'object' && t['import'])
          .map(([subpath, t]) => [`${pkg.name} ${subpath}`, t] as const);
      } catch {
        return [];
      }
    });

  it('has built entries to check', () => {
    expect(built.length).toBeGreaterThan(10);
  });

  // tsc (rootDir src, outDir dist) emits src/x.ts as dist/x.js and dist/x.d.ts: an entry whose
  // source and build paths disagree would resolve in tests and be missing from the package.
  it.each(built)('%s: the build emits what import and types name', (_entry, target) => {
    const stem = target['@bizmetrics/source']!.replace(/^\.\/src\//, '').replace(/\.tsx?$/, '');
    expect(target['import']).toBe(`./dist/${stem}.js`);
    expect(target['types']).toBe(`./dist/${stem}.d.ts`);
  });
});
