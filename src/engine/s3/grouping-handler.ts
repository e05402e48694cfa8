// The SDK's request handler, passing a tagged request's group on to the agent (see request-group.ts). Apart from
// request-group.ts so that @smithy/node-http-handler, and the part of the SDK's core it loads, are read with the
// S3 client at the first control call (sdk-modules.ts), not at every start.
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { tagHeaders } from './request-group';

/**
 * For code that needs the plain handler later (profile-provider.ts): imported from here rather than with
 * import('@smithy/node-http-handler'), since a dynamic import of the package keeps every export of it in the bundle,
 * its HTTP/2 handler too, whose load of node:http2 cost 10 to 25 ms of CPU at every first control call.
 */
export { NodeHttpHandler };

type HandlerOptions = NonNullable<Parameters<NodeHttpHandler['handle']>[1]>;

export class GroupingHttpHandler extends NodeHttpHandler {
  override handle(
    request: Parameters<NodeHttpHandler['handle']>[0],
    options?: HandlerOptions,
  ): ReturnType<NodeHttpHandler['handle']> {
    tagHeaders(options?.abortSignal as AbortSignal | undefined, request.headers);
    return super.handle(request, options);
  }
}
