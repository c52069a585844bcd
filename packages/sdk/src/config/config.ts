import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { currencyCodes, isCurrencyCode } from '@bizmetrics/core/catalog';
import { ATTR_SERVICE_INSTANCE_ID } from '@opentelemetry/semantic-conventions';
import { createEnvReader, type Env, type EnvReader } from './env-reader.ts';
import { BizMetricsConfigError } from './errors.ts';
import { serviceInstanceId } from './instance-id.ts';

export const EXPORTERS = ['prometheus', 'otlp', 'console', 'none'] as const;
export const PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;
export const TEMPORALITIES = ['cumulative', 'delta', 'lowmemory'] as const;
export const COMPRESSIONS = ['gzip', 'none'] as const;

export type ExporterName = Exclude<(typeof EXPORTERS)[number], 'none'>;
export type OtlpProtocol = (typeof PROTOCOLS)[number];
export type Temporality = (typeof TEMPORALITIES)[number];
export type Compression = (typeof COMPRESSIONS)[number];

/**
 * PEM files for an `https://` endpoint, as given (paths; relative ones from the working directory).
 * They are read and checked at start-up; an `http://` endpoint does not use them.
 */
export interface OtlpTlsFiles {
  /** CA certificates that verify the server's certificate, instead of Node's built-in roots. */
  readonly certificate?: string;
  /** Client certificate (chain) for mutual TLS; needs `clientKey`. */
  readonly clientCertificate?: string;
  /** The client certificate's private key, unencrypted. */
  readonly clientKey?: string;
}

/** OTLP exporter settings, resolved. */
export interface OtlpConfig {
  /** The full URL the exporter posts to (for grpc: the server's URL). */
  readonly endpoint: string;
  readonly protocol: OtlpProtocol;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMillis: number;
  readonly temporality: Temporality;
  /** Body compression: gzip for HTTP, the gzip message encoding for gRPC. */
  readonly compression: Compression;
  readonly tls: OtlpTlsFiles;
}

/** Everything the SDK needs to build its pipeline, from code options over environment variables. */
export interface SdkConfig {
  readonly disabled: boolean;
  readonly exporters: readonly ExporterName[];
  readonly prometheus: { readonly host: string; readonly port: number };
  readonly otlp: OtlpConfig;
  readonly exportIntervalMillis: number;
  readonly exportTimeoutMillis: number;
  /** How long a SIGTERM/SIGINT or shutdown() waits for the last export: OTEL_METRIC_EXPORT_TIMEOUT, else 5 s. */
  readonly shutdownTimeoutMillis: number;
  readonly serviceName: string | undefined;
  /** OTEL_RESOURCE_ATTRIBUTES and code attributes, always with `service.instance.id`. */
  readonly resourceAttributes: Readonly<Record<string, string>>;
  /** The ISO 4217 code most orders are in: BIZMETRICS_CURRENCY, else USD. Sets the order-value buckets. */
  readonly currency: string;
}

/** Code options that override the environment (all optional). */
export interface ConfigOverrides {
  readonly exporters?: readonly (ExporterName | 'none')[];
  readonly prometheus?: { readonly host?: string; readonly port?: number };
  readonly otlp?: Partial<OtlpConfig>;
  readonly exportIntervalMillis?: number;
  readonly exportTimeoutMillis?: number;
  readonly serviceName?: string;
  readonly resourceAttributes?: Readonly<Record<string, string>>;
  /** This process's `service.instance.id` (default: OTEL_RESOURCE_ATTRIBUTES, else a random UUID v4). */
  readonly serviceInstanceId?: string;
  /** ISO 4217 code most orders are in (default: BIZMETRICS_CURRENCY, else USD). */
  readonly currency?: string;
  readonly disabled?: boolean;
}

const MAX_MS = 24 * 3600 * 1000;
/** Shutdown wait when OTEL_METRIC_EXPORT_TIMEOUT is not set: orchestrators kill after 10 to 30 s. */
const DEFAULT_SHUTDOWN_MS = 5_000;

/**
 * Resolves the configuration: code options first, then the OpenTelemetry specification's
 * environment variables, then the spec's defaults — except the exporter, which defaults to
 * `prometheus` so that a service works with no backend at all. Throws BizMetricsConfigError for
 * any invalid value, naming the variable and the accepted values.
 */
export function resolveConfig(env: Env, overrides: ConfigOverrides = {}): SdkConfig {
  const read = createEnvReader(env);
  const disabled = overrides.disabled ?? read.boolean('OTEL_SDK_DISABLED', false);
  const exporters = (
    overrides.exporters ?? read.listOf('OTEL_METRICS_EXPORTER', EXPORTERS, ['prometheus'])
  ).filter((e): e is ExporterName => e !== 'none');
  const interval =
    option('exportIntervalMillis', overrides.exportIntervalMillis, 1, MAX_MS) ??
    read.integer('OTEL_METRIC_EXPORT_INTERVAL', 60_000, 1, MAX_MS);
  const timeoutSet =
    option('exportTimeoutMillis', overrides.exportTimeoutMillis, 1, MAX_MS) ??
    read.integer('OTEL_METRIC_EXPORT_TIMEOUT', 0, 1, MAX_MS);
  if (timeoutSet > interval)
    throw new BizMetricsConfigError(
      overrides.exportTimeoutMillis === undefined ? 'OTEL_METRIC_EXPORT_TIMEOUT' : 'exportTimeoutMillis',
      String(timeoutSet),
      `at most OTEL_METRIC_EXPORT_INTERVAL (${interval} ms)`,
    );
  return {
    disabled,
    exporters,
    prometheus: {
      host: overrides.prometheus?.host ?? read.string('OTEL_EXPORTER_PROMETHEUS_HOST') ?? 'localhost',
      port:
        option('prometheus.port', overrides.prometheus?.port, 1, 65535) ??
        read.integer('OTEL_EXPORTER_PROMETHEUS_PORT', 9464, 1, 65535),
    },
    otlp: resolveOtlp(read, overrides.otlp ?? {}),
    exportIntervalMillis: interval,
    exportTimeoutMillis: timeoutSet || Math.min(30_000, interval),
    shutdownTimeoutMillis: timeoutSet || DEFAULT_SHUTDOWN_MS,
    serviceName: overrides.serviceName ?? read.string('OTEL_SERVICE_NAME'),
    resourceAttributes: resourceAttributes(read, overrides),
    currency: currency(read, overrides.currency),
  };
}

/** OTEL_RESOURCE_ATTRIBUTES, then code attributes, with this process's `service.instance.id`. */
function resourceAttributes(read: EnvReader, overrides: ConfigOverrides): Record<string, string> {
  const fromEnv = read.keyPairs('OTEL_RESOURCE_ATTRIBUTES');
  // The key-pair parser drops empty values; an explicitly empty instance id is still an error.
  if (/(^|,)\s*service\.instance\.id\s*=\s*(,|$)/.test(read.string('OTEL_RESOURCE_ATTRIBUTES') ?? ''))
    fromEnv[ATTR_SERVICE_INSTANCE_ID] = '';
  const attributes = { ...fromEnv, ...overrides.resourceAttributes };
  const inCode = overrides.serviceInstanceId ?? overrides.resourceAttributes?.[ATTR_SERVICE_INSTANCE_ID];
  attributes[ATTR_SERVICE_INSTANCE_ID] = serviceInstanceId(inCode, fromEnv[ATTR_SERVICE_INSTANCE_ID]);
  return attributes;
}

/** The order currency: an active ISO 4217 code, else a start-up error naming the setting and the codes. */
function currency(read: EnvReader, fromCode: string | undefined): string {
  const [name, value] =
    fromCode === undefined
      ? ['BIZMETRICS_CURRENCY', read.string('BIZMETRICS_CURRENCY')]
      : ['currency', fromCode];
  if (value === undefined) return 'USD';
  if (!isCurrencyCode(value))
    throw new BizMetricsConfigError(
      name,
      value,
      `an active ISO 4217 code in upper case: ${currencyCodes().join(', ')}`,
    );
  return value;
}

function resolveOtlp(read: EnvReader, o: Partial<OtlpConfig>): OtlpConfig {
  // The metrics-specific variable wins over the generic one; errors name whichever was used.
  const pick = (suffix: string) =>
    read.string(`OTEL_EXPORTER_OTLP_METRICS_${suffix}`)
      ? `OTEL_EXPORTER_OTLP_METRICS_${suffix}`
      : `OTEL_EXPORTER_OTLP_${suffix}`;
  const protocol = o.protocol ?? read.oneOf(pick('PROTOCOL'), PROTOCOLS, 'http/protobuf');
  const headersFrom = o.headers === undefined ? pick('HEADERS') : 'otlp.headers';
  const headers = withoutEmptyHeaders(headersFrom, o.headers ?? read.keyPairs(headersFrom));
  if (protocol === 'grpc') checkGrpcMetadata(headersFrom, headers);
  const tlsNames: TlsNames =
    o.tls === undefined
      ? {
          certificate: pick('CERTIFICATE'),
          clientCertificate: pick('CLIENT_CERTIFICATE'),
          clientKey: pick('CLIENT_KEY'),
        }
      : TLS_OPTION_NAMES;
  const tls: OtlpTlsFiles = o.tls ?? {
    ...optional('certificate', read.string(tlsNames.certificate)),
    ...optional('clientCertificate', read.string(tlsNames.clientCertificate)),
    ...optional('clientKey', read.string(tlsNames.clientKey)),
  };
  loadTls(tls, tlsNames);
  return {
    endpoint:
      o.endpoint === undefined ? endpoint(read, protocol) : checkedUrl(read, 'otlp.endpoint', o.endpoint),
    protocol,
    headers,
    timeoutMillis:
      option('otlp.timeoutMillis', o.timeoutMillis, 1, MAX_MS) ??
      read.integer(pick('TIMEOUT'), 10_000, 1, MAX_MS),
    temporality:
      o.temporality ??
      read.oneOf('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', TEMPORALITIES, 'cumulative'),
    compression: o.compression ?? read.oneOf(pick('COMPRESSION'), COMPRESSIONS, 'none'),
    tls,
  };
}

/** The PEM contents of {@link OtlpTlsFiles}, for the exporter's TLS options. */
export interface OtlpTls {
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

type TlsNames = Readonly<Record<keyof OtlpTlsFiles, string>>;
const TLS_OPTION_NAMES: TlsNames = {
  certificate: 'otlp.tls.certificate',
  clientCertificate: 'otlp.tls.clientCertificate',
  clientKey: 'otlp.tls.clientKey',
};

/**
 * Reads the TLS files and checks them: each one readable and PEM, the client certificate and key
 * given together and belonging together. Errors name the variable (or code option) and the path.
 */
export function loadTls(files: OtlpTlsFiles, names: TlsNames = TLS_OPTION_NAMES): OtlpTls {
  const { certificate, clientCertificate, clientKey } = files;
  if ((clientCertificate === undefined) !== (clientKey === undefined)) {
    const [missing, given] =
      clientKey === undefined
        ? (['clientKey', 'clientCertificate'] as const)
        : (['clientCertificate', 'clientKey'] as const);
    throw new BizMetricsConfigError(
      names[missing],
      '',
      `a PEM file, since ${names[given]} is set (a client certificate and its key go together)`,
    );
  }
  const read = (name: string, path: string, what: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new BizMetricsConfigError(
        name,
        path,
        `a readable ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
  };
  const certificates = (name: string, path: string, what: string) => {
    const pem = read(name, path, what);
    const blocks = pem
      .toString('utf8')
      .match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
    try {
      if (!blocks) throw new Error('no certificate');
      return { pem, leaf: blocks.map((b) => new X509Certificate(b))[0]! };
    } catch {
      throw new BizMetricsConfigError(name, path, `a ${what}`);
    }
  };
  const out: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
  if (certificate !== undefined)
    out.ca = certificates(names.certificate, certificate, 'PEM file of CA certificates').pem;
  if (clientCertificate !== undefined && clientKey !== undefined) {
    const cert = certificates(
      names.clientCertificate,
      clientCertificate,
      'PEM file of the client certificate',
    );
    const keyPem = read(names.clientKey, clientKey, 'PEM file of the private key');
    let key: ReturnType<typeof createPrivateKey>;
    try {
      key = createPrivateKey(keyPem);
    } catch {
      throw new BizMetricsConfigError(names.clientKey, clientKey, 'a PEM file of an unencrypted private key');
    }
    if (!cert.leaf.checkPrivateKey(key))
      throw new BizMetricsConfigError(
        names.clientKey,
        clientKey,
        `the private key of the certificate in ${names.clientCertificate}`,
      );
    out.cert = cert.pem;
    out.key = keyPem;
  }
  return out;
}

/** gRPC sends headers as metadata, whose keys and values are stricter than HTTP's (values not shown: secrets). */
function checkGrpcMetadata(name: string, headers: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(headers)) {
    const k = key.toLowerCase();
    if (!/^[0-9a-z_.-]+$/.test(k) || k.endsWith('-bin') || !/^[ -~]*$/.test(value))
      throw new BizMetricsConfigError(
        name,
        `${key}=…`,
        'gRPC metadata: keys of a-z 0-9 _ . - not ending in -bin, values of printable ASCII',
      );
  }
}

/**
 * Headers with a value only: `Authorization=` from a template whose token is unset is not sent (the
 * OTLP exporter package drops such a pair from the variable too). A scheme without its credentials,
 * `Authorization=Bearer%20`, is a start-up error: the exporter package would send it as `Bearer`.
 */
function withoutEmptyHeaders(
  name: string,
  headers: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (/^\s*(bearer|basic)\s*$/i.test(value))
      throw new BizMetricsConfigError(
        name,
        `${key}=${value}`,
        `${key}=<scheme> <credentials>: the credentials are missing (is the token variable unset?)`,
      );
    if (value.trim() !== '') out[key] = value;
  }
  return out;
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };

/** The spec's endpoint rules: the signal variable is used as is; the generic one gets `v1/metrics`. */
function endpoint(read: EnvReader, protocol: OtlpProtocol): string {
  const grpc = protocol === 'grpc';
  const signal = read.string('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT');
  if (signal) {
    read.url('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', signal);
    return signal;
  }
  const base = read.string('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (!base) return grpc ? 'http://localhost:4317' : 'http://localhost:4318/v1/metrics';
  const url = read.url('OTEL_EXPORTER_OTLP_ENDPOINT', base);
  if (grpc) return url.href;
  return `${url.href.replace(/\/$/, '')}/v1/metrics`;
}

/** A URL given in code, validated and kept as written. */
function checkedUrl(read: EnvReader, name: string, value: string): string {
  read.url(name, value);
  return value;
}

/** A numeric code option, checked like its variable; the error names the option. */
function option(name: string, value: number | undefined, min: number, max: number): number | undefined {
  return value === undefined
    ? undefined
    : createEnvReader({ [name]: String(value) }).integer(name, value, min, max);
}
