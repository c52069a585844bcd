import { X509Certificate } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { connect, createServer, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCertificates } from '../src/index.ts';
import type { TestCertificates } from '../src/support.ts';

let certs: TestCertificates;
beforeAll(async () => {
  certs = await makeTestCertificates();
});
afterAll(() => rm(certs.dir, { recursive: true, force: true }));

const x509 = async (file: string) => new X509Certificate(await readFile(file));

describe('makeTestCertificates', () => {
  it('signs a server certificate for 127.0.0.1 and a client certificate with one fresh CA', async () => {
    const ca = await x509(certs.caFile);
    const server = await x509(certs.serverCertFile);
    const client = await x509(certs.clientCertFile);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(client.verify(ca.publicKey)).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth
    expect(client.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']); // clientAuth
  });

  it('makes files a Node TLS server and client accept for mutual TLS on 127.0.0.1', async () => {
    const [ca, cert, key, clientCert, clientKey] = await Promise.all(
      [
        certs.caFile,
        certs.serverCertFile,
        certs.serverKeyFile,
        certs.clientCertFile,
        certs.clientKeyFile,
      ].map((f) => readFile(f)),
    );
    const peers: string[] = [];
    const server = createServer({ ca, cert, key, requestCert: true, rejectUnauthorized: true }, (s) => {
      peers.push(s.getPeerCertificate().subject.CN as string);
      s.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const socket: TLSSocket = connect({ host: '127.0.0.1', port, ca, cert: clientCert, key: clientKey });
      const reply = await new Promise<string>((resolve, reject) => {
        let data = '';
        socket.on('data', (c: Buffer) => {
          data += c.toString();
        });
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      expect(reply).toBe('ok');
      expect(socket.authorized).toBe(true);
      expect(peers).toEqual(['bizmetrics test client']);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
