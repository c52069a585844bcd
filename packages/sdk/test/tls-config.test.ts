import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestCertificates } from '@bizmetrics/local-stack';
import type { TestCertificates } from '@bizmetrics/local-stack/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BizMetricsConfigError, resolveConfig } from '../src/index.ts';

let certs: TestCertificates;
let other: TestCertificates;
let junk: string;
beforeAll(async () => {
  certs = await makeTestCertificates();
  other = await makeTestCertificates(); // a second CA: its client key belongs to another certificate
  junk = join(await mkdtemp(join(tmpdir(), 'bizmetrics-junk-')), 'not-a-cert.pem');
  await writeFile(junk, 'hello\n');
});
afterAll(async () => {
  for (const dir of [certs.dir, other.dir, join(junk, '..')]) await rm(dir, { recursive: true, force: true });
});

describe('OTLP compression and TLS from OTEL_EXPORTER_OTLP_* variables', () => {
  it('reads the compression, the metrics-specific variable first', () => {
    expect(resolveConfig({ OTEL_EXPORTER_OTLP_COMPRESSION: 'GZIP' }).otlp.compression).toBe('gzip');
    expect(
      resolveConfig({
        OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
        OTEL_EXPORTER_OTLP_METRICS_COMPRESSION: 'none',
      }).otlp.compression,
    ).toBe('none');
    expect(resolveConfig({}, { otlp: { compression: 'gzip' } }).otlp.compression).toBe('gzip');
  });

  it('reads the CA, client certificate and key paths, the metrics-specific variables first, and checks them', () => {
    const c = resolveConfig({
      OTEL_EXPORTER_OTLP_CERTIFICATE: junk, // overridden: never read
      OTEL_EXPORTER_OTLP_METRICS_CERTIFICATE: certs.caFile,
      OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: certs.clientCertFile,
      OTEL_EXPORTER_OTLP_CLIENT_KEY: certs.clientKeyFile,
    });
    expect(c.otlp.tls).toEqual({
      certificate: certs.caFile,
      clientCertificate: certs.clientCertFile,
      clientKey: certs.clientKeyFile,
    });
  });

  const refused = (env: Record<string, string>) => {
    try {
      resolveConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(BizMetricsConfigError);
      return error as BizMetricsConfigError;
    }
    throw new Error('resolveConfig accepted it');
  };

  it('refuses a CA file that is missing or not PEM, naming the variable and the path', () => {
    const missing = refused({ OTEL_EXPORTER_OTLP_CERTIFICATE: '/nonexistent/ca.pem' });
    expect(missing.variable).toBe('OTEL_EXPORTER_OTLP_CERTIFICATE');
    expect(missing.message).toBe(
      'OTEL_EXPORTER_OTLP_CERTIFICATE="/nonexistent/ca.pem" is not valid: expected a readable PEM file of CA certificates (ENOENT)',
    );
    const notPem = refused({ OTEL_EXPORTER_OTLP_METRICS_CERTIFICATE: junk });
    expect(notPem.message).toBe(
      `OTEL_EXPORTER_OTLP_METRICS_CERTIFICATE="${junk}" is not valid: expected a PEM file of CA certificates`,
    );
  });

  it('refuses a client certificate without its key and a key without its certificate', () => {
    expect(refused({ OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: certs.clientCertFile }).message).toBe(
      'OTEL_EXPORTER_OTLP_CLIENT_KEY="" is not valid: expected a PEM file, since OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE is set (a client certificate and its key go together)',
    );
    expect(refused({ OTEL_EXPORTER_OTLP_METRICS_CLIENT_KEY: certs.clientKeyFile }).message).toMatch(
      /^OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE="" .* since OTEL_EXPORTER_OTLP_METRICS_CLIENT_KEY is set/,
    );
  });

  it('refuses a key that does not belong to the client certificate, and a key file that is no key', () => {
    const mismatch = refused({
      OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: certs.clientCertFile,
      OTEL_EXPORTER_OTLP_CLIENT_KEY: other.clientKeyFile,
    });
    expect(mismatch.message).toBe(
      `OTEL_EXPORTER_OTLP_CLIENT_KEY="${other.clientKeyFile}" is not valid: expected the private key of the certificate in OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE`,
    );
    const noKey = refused({
      OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: certs.clientCertFile,
      OTEL_EXPORTER_OTLP_CLIENT_KEY: certs.clientCertFile,
    });
    expect(noKey.message).toMatch(
      /^OTEL_EXPORTER_OTLP_CLIENT_KEY=.* expected a PEM file of an unencrypted private key$/,
    );
    expect(
      refused({
        OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: junk,
        OTEL_EXPORTER_OTLP_CLIENT_KEY: certs.clientKeyFile,
      }).variable,
    ).toBe('OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE');
  });

  it('checks TLS files given in code the same way, naming the option', () => {
    expect(() => resolveConfig({}, { otlp: { tls: { certificate: '/nonexistent/ca.pem' } } })).toThrow(
      /^otlp\.tls\.certificate="\/nonexistent\/ca\.pem" is not valid/,
    );
    expect(() => resolveConfig({}, { otlp: { tls: { clientKey: certs.clientKeyFile } } })).toThrow(
      /^otlp\.tls\.clientCertificate="" is not valid/,
    );
  });

  it('refuses headers gRPC cannot send as metadata, without showing their values', () => {
    const env = { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' };
    expect(
      resolveConfig({ ...env, OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20t' }).otlp.headers,
    ).toEqual({
      Authorization: 'Bearer t',
    });
    const error = refused({ ...env, OTEL_EXPORTER_OTLP_HEADERS: 'x-team=gr%C3%BCn' });
    expect(error.message).toBe(
      'OTEL_EXPORTER_OTLP_HEADERS="x-team=…" is not valid: expected gRPC metadata: keys of a-z 0-9 _ . - not ending in -bin, values of printable ASCII',
    );
    expect(refused({ ...env, OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'trace-bin=AAA' }).variable).toBe(
      'OTEL_EXPORTER_OTLP_METRICS_HEADERS',
    );
    // HTTP sends the same value (Node encodes it), so only gRPC refuses it.
    expect(resolveConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'x-team=gr%C3%BCn' }).otlp.headers).toEqual({
      'x-team': 'grün',
    });
  });
});
