import { readFileSync } from 'node:fs';
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

  it.each([...byPackage.keys()])(
    '%s/api-report.md is up to date (corepack pnpm --filter @bizmetrics/api-report update)',
    (dir) => {
      const checkedIn = readFileSync(reportPath(dir), 'utf8');
      expect(checkedIn).toBe(renderPackageReport(byPackage.get(dir)!));
    },
  );

  it.each(
    reports
      .filter((r) => r.entry.subpath === '.')
      .map((r) => [r.entry.packageName, r.exports.length] as const),
  )('%s main entry has at most 20 exports (has %i)', (_name, count) => {
    expect(count).toBeLessThanOrEqual(MAX_MAIN_EXPORTS);
  });
});
