// Values the global setup hands to tests through vitest's inject().
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:PORT of the shared moto S3 server. */
    s3Endpoint: string;
    /** The Python that runs moto, boto3 and the AWS CLI. */
    motoPython: string;
  }
}
