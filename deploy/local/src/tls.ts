import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './process.ts';

const run = promisify(execFile);

/** PEM files for TLS tests on loopback: a CA, a server certificate it signed, a client one. */
export interface TestCertificates {
  /** The folder holding every file (remove it when done). */
  readonly dir: string;
  /** The CA certificate: what clients trust (`OTEL_EXPORTER_OTLP_CERTIFICATE`) and servers check clients against (`client_ca_file`). */
  readonly caFile: string;
  /** Server certificate for `127.0.0.1` and `localhost` (IP and DNS subject alternative names), signed by the CA. */
  readonly serverCertFile: string;
  readonly serverKeyFile: string;
  /** Client certificate (extended key usage clientAuth), signed by the CA. */
  readonly clientCertFile: string;
  readonly clientKeyFile: string;
}

/**
 * Makes a fresh CA, a server and a client certificate with the machine's `openssl` (P-256 keys,
 * valid for one day, random serials) in a new temporary folder, or in `dir` when given.
 */
export async function makeTestCertificates(dir?: string): Promise<TestCertificates> {
  const out = dir ?? (await tempDir('tls'));
  const file = (name: string) => join(out, name);
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-noenc', '-days', '1'];
  const openssl = async (args: string[]) => {
    try {
      await run('openssl', args);
    } catch (error) {
      const e = error as { code?: string; stderr?: string; message: string };
      if (e.code === 'ENOENT') throw new Error('openssl is not on PATH (Debian: apt-get install openssl)');
      throw new Error(`openssl ${args.slice(0, 2).join(' ')} failed: ${(e.stderr ?? e.message).trim()}`);
    }
  };
  await openssl([
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.crt'),
    '-subj',
    '/CN=bizmetrics test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const signed = (name: string, subject: string, extensions: string[]) =>
    openssl([
      'req',
      '-x509',
      ...newKey,
      '-CA',
      file('ca.crt'),
      '-CAkey',
      file('ca.key'),
      '-keyout',
      file(`${name}.key`),
      '-out',
      file(`${name}.crt`),
      '-subj',
      subject,
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-addext',
      'keyUsage=critical,digitalSignature',
      ...extensions.flatMap((e) => ['-addext', e]),
    ]);
  await signed('server', '/CN=127.0.0.1', [
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    'extendedKeyUsage=serverAuth',
  ]);
  await signed('client', '/CN=bizmetrics test client', ['extendedKeyUsage=clientAuth']);
  return {
    dir: out,
    caFile: file('ca.crt'),
    serverCertFile: file('server.crt'),
    serverKeyFile: file('server.key'),
    clientCertFile: file('client.crt'),
    clientKeyFile: file('client.key'),
  };
}
