// What s3Sdk() loads at the first control call: the SDK's S3 client, and the request handler hoist gives it.
export * from '@aws-sdk/client-s3';
export { GroupingHttpHandler } from './grouping-handler';
