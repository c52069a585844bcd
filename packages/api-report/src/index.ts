export {
  apiReport,
  type EntryReport,
  type PackageEntry,
  packageEntries,
  renderPackageReport,
  reportPath,
} from './report.ts';
