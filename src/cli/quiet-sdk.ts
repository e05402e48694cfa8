// Keeps the AWS SDK's developer notices off hoist's stderr, where each line is meant for the person running it.
// With --debug they are left alone. (Its notice that future versions need a newer Node is turned off where the
// engine creates its clients, sdk-client.ts, for the app too and with --debug as well: nobody running Hoist can act on it.)

/** Logged by the SDK's retry middleware (via console.warn) whenever a request with a stream body fails or is aborted. */
const STREAMING_NOTICE = 'An error was encountered in a non-retryable streaming request.';

export function quietSdk(): void {
  // The engine retries and reports every failed part itself; the SDK's extra line would be noise, and on Ctrl-C it
  // would print once per aborted part. (Better fixed in the engine by giving S3Client a logger.)
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]): void => {
    if (args.length === 1 && args[0] === STREAMING_NOTICE) return;
    warn(...args);
  };
}
