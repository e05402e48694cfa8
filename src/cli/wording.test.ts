import { describe, expect, it } from 'vitest';
import { cliError, cliState, cliWording } from './wording';

describe("the CLI's words for the engine's messages", () => {
  it('says "upload it again", never the app\'s "add it again", and names --endpoint-url', () => {
    expect(cliWording('/x cannot be read (permission denied). Fix its permissions and add it again.')).toBe(
      '/x cannot be read (permission denied). Fix its permissions and upload it again.',
    );
    expect(cliWording('Gone. Add it again once it is back.')).toBe('Gone. Upload it again once it is back.');
    expect(cliWording('Cannot reach h (ECONNREFUSED). Check the endpoint URL and your network.')).toBe(
      'Cannot reach h (ECONNREFUSED). Check --endpoint-url and your network.',
    );
    // Idempotent, and other words are left alone.
    expect(cliWording(cliWording('add it again; the endpoint URL'))).toBe('upload it again; --endpoint-url');
    expect(cliWording('Endpoint URL "x" is not a valid URL.')).toBe('Endpoint URL "x" is not a valid URL.');
  });

  it("adds --wait-network to an unreachable endpoint's give-up only when asked to", () => {
    const e = { code: 'EndpointUnreachable', message: 'Cannot reach h (ECONNREFUSED). Gave up after 20 s.' };
    expect(cliError(e, { suggestWaitNetwork: true }).message).toBe(
      'Cannot reach h (ECONNREFUSED). Gave up after 20 s. Give --wait-network to wait for it instead.',
    );
    expect(cliError(e)).toBe(e);
    expect(cliError({ code: 'NoSuchBucket', message: 'No bucket.' }, { suggestWaitNetwork: true }).message).toBe(
      'No bucket.',
    );
  });

  it('rewords the error of a failed state and the reason of a retry, and leaves other states as they are', () => {
    const failed = cliState({
      kind: 'failed',
      cleanup: 'none-needed',
      error: { code: 'FileMissing', message: 'f: Add it again.' },
    });
    expect(failed).toMatchObject({ kind: 'failed', error: { message: 'f: Upload it again.' } });
    const retrying = cliState({
      kind: 'retrying',
      attempt: 1,
      retryAt: 0,
      reason: 'Check the endpoint URL.',
      reasonCode: 'EndpointUnreachable',
    });
    expect(retrying).toMatchObject({ reason: 'Check --endpoint-url.', reasonCode: 'EndpointUnreachable' });
    const uploading = { kind: 'uploading' as const };
    expect(cliState(uploading)).toBe(uploading);
  });
});
