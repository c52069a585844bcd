export {
  COMPRESSIONS,
  type Compression,
  type ConfigOverrides,
  EXPORTERS,
  type ExporterName,
  type OtlpConfig,
  type OtlpProtocol,
  type OtlpTlsFiles,
  PROTOCOLS,
  resolveConfig,
  type SdkConfig,
  TEMPORALITIES,
  type Temporality,
} from './config/config.ts';
export type { Env } from './config/env-reader.ts';
export { BizMetricsConfigError } from './config/errors.ts';
export { sdkSelfCatalog } from './export/self-metrics.ts';
export { type BizMetricsHandle, type StartOptions, startBizMetrics } from './start.ts';
