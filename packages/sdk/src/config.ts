// `@bizmetrics/sdk/config`: the SDK's validating reader of environment variables, for the gateway
// and other Node processes of the project that read their own variables the same way.

export { createEnvReader, type Env, type EnvReader } from './config/env-reader.ts';
export { BizMetricsConfigError } from './config/errors.ts';
