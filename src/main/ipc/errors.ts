// Errors a command handler answers with. The code is stable (tests and the renderer match on it); the message is for
// people and never repeats the payload (it could hold a secret).

export type IpcErrorCode =
  | 'forbidden-sender'
  | 'bad-payload'
  | 'unknown-command'
  | 'not-found'
  | 'invalid-profile'
  | 'not-allowed'
  /** An abort named an upload that no recent listing of that bucket showed the page. */
  | 'not-listed'
  /** The S3 server answered an error (or could not be reached); the message says which. */
  | 'server-error';

export class IpcError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'IpcError';
  }
}
