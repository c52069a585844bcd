// Writes every package's api-report.md from its entry points' sources.
import { writeFileSync } from 'node:fs';
import { apiReport, packageEntries, renderPackageReport, reportPath } from './report.ts';

const reports = apiReport(packageEntries());
const byPackage = new Map<string, typeof reports>();
for (const r of reports) byPackage.set(r.entry.packageDir, [...(byPackage.get(r.entry.packageDir) ?? []), r]);
for (const [dir, list] of byPackage) {
  writeFileSync(reportPath(dir), renderPackageReport(list));
  console.log(
    `wrote ${dir}/api-report.md (${list.map((r) => `${r.entry.subpath} ${r.exports.length}`).join(', ')})`,
  );
}
