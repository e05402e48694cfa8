// Values the global setup hands to tests through vitest's inject().
import 'vitest';

export type S3BackendName = 'moto' | 'versitygw' | 'versitygw-https' | 'custom';

/** One S3 server the global setup started. All of them take TEST_CREDENTIALS, region us-east-1, path-style. */
export interface S3Backend {
  name: S3BackendName;
  /** http(s)://127.0.0.1:PORT */
  endpoint: string;
  /** For https endpoints: the throwaway CA (PEM file) that signed the server's certificate. */
  caFile?: string;
  /**
   * For the run's own HTTPS server: its certificate and key (PEM files, for 127.0.0.1), so that the fault proxy can
   * stand in front of it with the same certificate (test/protocol/helpers.ts, useProxyTo).
   */
  serverTls?: { certFile: string; keyFile: string };
  /** True if a wrong secret or an unsigned request is refused (versitygw); moto accepts anything. */
  checksSignatures: boolean;
  /** Keys and region for a server of the user's own (HOIST_TEST_S3_*); the others take TEST_CREDENTIALS, us-east-1. */
  own?: { accessKeyId: string; secretAccessKey: string; region: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:PORT of the shared moto S3 server. */
    s3Endpoint: string;
    /** The Python that runs moto, boto3 and the AWS CLI. */
    motoPython: string;
    /** Every S3 server of this run: moto first, then versitygw over HTTP and HTTPS (absent if Go is not installed). */
    s3Backends: S3Backend[];
  }
}
