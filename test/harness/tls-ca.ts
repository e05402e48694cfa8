// A throwaway certificate authority for the HTTPS test server, made with the `openssl` CLI (Node cannot sign
// certificates itself). Clients must be given ca.pem explicitly: nothing here touches the system trust store.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './python';

export interface TestCa {
  /** The CA certificate (PEM): what a client needs to trust the server. */
  caFile: string;
  /** The server certificate (PEM), for 127.0.0.1 and localhost, signed by the CA. */
  certFile: string;
  /** The server's private key (PEM, unencrypted). */
  keyFile: string;
}

async function openssl(args: string[]): Promise<void> {
  const r = await run('openssl', args, { timeoutMs: 60_000 });
  if (r.spawnError?.code === 'ENOENT') {
    throw new Error(
      'openssl was not found on the PATH; the HTTPS test server needs it (Debian/Ubuntu: apt-get install openssl)',
    );
  }
  if (r.code !== 0)
    throw new Error(`openssl ${args.join(' ')} exited ${r.code}:\n${r.stderr || r.spawnError?.message}`);
}

/** Writes ca.pem, ca.key, server.pem and server.key into dir (which must exist). Takes about 100 ms. */
export async function makeTestCa(dir: string): Promise<TestCa> {
  const caKey = join(dir, 'ca.key');
  const caFile = join(dir, 'ca.pem');
  const keyFile = join(dir, 'server.key');
  const csr = join(dir, 'server.csr');
  const certFile = join(dir, 'server.pem');
  const conf = join(dir, 'openssl.cnf');

  // Our own config (not the system's openssl.cnf or $OPENSSL_CONF) so the extensions are exactly these. Strict
  // verifiers (Python 3.13's default context, Go) want a critical CA:TRUE with keyCertSign on the CA and key
  // identifiers on both; clients match the host against subjectAltName only, so both names the tests use go there.
  await writeFile(
    conf,
    `[req]
distinguished_name = dn
prompt = no
[dn]
CN = Hoist test CA (throwaway)
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`,
  );
  // EC P-256 keys: generating RSA keys would cost about a second each, for nothing. One day is plenty for a run.
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', caKey]);
  await openssl([
    'req',
    '-config',
    conf,
    '-x509',
    '-new',
    '-key',
    caKey,
    '-sha256',
    '-days',
    '1',
    '-extensions',
    'ca_ext',
    '-out',
    caFile,
  ]);
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', keyFile]);
  await openssl(['req', '-config', conf, '-new', '-key', keyFile, '-subj', '/CN=127.0.0.1', '-out', csr]);
  await openssl(
    ['x509', '-req', '-in', csr, '-CA', caFile, '-CAkey', caKey, '-CAcreateserial', '-days', '1', '-sha256'].concat([
      '-extfile',
      conf,
      '-extensions',
      'server_ext',
      '-out',
      certFile,
    ]),
  );
  return { caFile, certFile, keyFile };
}
