import { describe, expect, it } from 'vitest';
import { classify, neverReached, stopsBatch } from './errors';

const ctx = { file: '/home/u/a.bin', bucket: 'photos', key: 'a.bin', endpoint: 'http://127.0.0.1:9000' };
const sdkError = (name: string, status?: number, fault?: 'client' | 'server') =>
  Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode: status } });

describe('classify', () => {
  it.each(['AccessDenied', 'NoSuchBucket', 'InvalidAccessKeyId', 'SignatureDoesNotMatch'])(
    '%s is permanent',
    (name) => {
      expect(classify(sdkError(name, 403, 'client'), ctx).class).toBe('permanent');
    },
  );

  it('names the bucket and the endpoint for NoSuchBucket', () => {
    const c = classify(sdkError('NoSuchBucket', 404, 'client'), ctx);
    expect(c.message).toContain('"photos"');
    expect(c.message).toContain('http://127.0.0.1:9000');
  });

  it.each([
    ['SlowDown', 503],
    ['InternalError', 500],
    ['RequestTimeout', 400],
  ])('%s is transient', (name, status) => {
    expect(classify(sdkError(name, status, 'server'), ctx).class).toBe('transient');
  });

  it('treats connection resets as transient and refused connections as unreachable', () => {
    expect(classify(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), ctx).class).toBe('transient');
    const refused = classify(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), ctx);
    expect(refused.class).toBe('unreachable');
    expect(refused.message).toContain('http://127.0.0.1:9000');
  });

  it('blames this computer, not the endpoint, for a file the file system could not read, and retries a lock', () => {
    // As Node reports them: a code, the syscall and the path.
    const fsError = (code: string, syscall: string) =>
      Object.assign(new Error(`${code}: something went wrong, ${syscall} '/home/u/a.bin'`), {
        code,
        syscall,
        path: '/home/u/a.bin',
      });
    const locked = classify(fsError('EBUSY', 'open'), ctx);
    expect(locked.class).toBe('transient');
    expect(locked.message).toContain('/home/u/a.bin could not be read on this computer (EBUSY');
    expect(locked.message).not.toContain('http://127.0.0.1:9000');
    const disk = classify(fsError('EIO', 'read'), ctx);
    expect([disk.code, disk.class]).toEqual(['EIO', 'permanent']);
    expect(disk.message).toContain('Check the file and its disk');
  });

  it('recognises aborts', () => {
    const e = new Error('x');
    e.name = 'AbortError';
    expect(classify(e, ctx).class).toBe('aborted');
  });
});

/** An error as the SDK throws it for an answer with an XML body: name and Code are the server's code. */
const answered = (code: string, status: number, message: string) =>
  Object.assign(new Error(message), {
    name: code,
    Code: code,
    $fault: 'client' as const,
    $metadata: { httpStatusCode: status },
  });
/** As the SDK throws it for an answer without a body (a HEAD): a made-up name and "UnknownError". */
const bodiless = (name: string, status: number) =>
  Object.assign(new Error('UnknownError'), { name, $fault: 'client' as const, $metadata: { httpStatusCode: status } });
const nodeError = (code: string, message: string, extra: object = {}) =>
  Object.assign(new Error(message), { code, $metadata: {}, ...extra });

describe('classify: answers Hoist does not know', () => {
  it("takes versitygw's 404 XAdminUserNotFound for an unknown access key, naming the code, not the bucket", () => {
    const c = classify(answered('XAdminUserNotFound', 404, 'User not found'), ctx);
    expect(c).toMatchObject({ code: 'InvalidAccessKeyId', class: 'permanent' });
    expect(c.message).toContain('access key ID is not known to http://127.0.0.1:9000');
    expect(c.message).toContain('XAdminUserNotFound');
    expect(c.message).toContain('HTTP 404');
    expect(c.message).toContain('AWS_ACCESS_KEY_ID');
    expect(c.message).not.toMatch(/bucket/i);
    expect(classify(answered('XAdminUserNotFound', 404, 'x'), { ...ctx, accessKeyId: 'AKIDWRONG' }).message).toContain(
      '"AKIDWRONG"',
    );
  });

  it('says what the server said for an unknown 404 code: code, status, message, endpoint and key', () => {
    const c = classify(answered('XNoSuchThing', 404, 'The thing is gone.'), ctx);
    expect(c).toMatchObject({ code: 'XNoSuchThing', class: 'permanent' });
    expect(c.message).toBe(
      'http://127.0.0.1:9000 answered XNoSuchThing (HTTP 404): "The thing is gone" for a.bin in bucket "photos". Check the endpoint URL, the bucket name and the credentials.',
    );
    expect(c.message).not.toContain('Check the bucket name');
  });

  it('says what the server said for an unknown 403 code instead of calling it AccessDenied', () => {
    const c = classify(answered('XAccountLocked', 403, 'Account is locked'), ctx);
    expect(c.code).toBe('XAccountLocked');
    expect(c.message).toContain('XAccountLocked (HTTP 403): "Account is locked"');
    expect(c.message).toContain('a.bin');
    expect(c.message).toContain('http://127.0.0.1:9000');
    expect(c.message).toContain('Check the credentials');
  });

  it('guesses "bucket" for a bodiless 404 only, and "access denied" for a bodiless 403', () => {
    for (const name of ['NotFound', 'UnknownError']) {
      const c = classify(bodiless(name, 404), ctx);
      expect(c.code).toBe('NotFound');
      expect(c.message).toBe(
        'http://127.0.0.1:9000 answered HTTP 404 with no details for bucket "photos". Check the bucket name and the endpoint URL.',
      );
    }
    const denied = classify(bodiless('Unknown', 403), ctx);
    expect(denied.code).toBe('AccessDenied');
    expect(denied.message).toContain('HTTP 403 with no details');
    expect(classify(bodiless('Unknown', 400), ctx).message).toContain('answered HTTP 400 with no details for a.bin');
  });

  it('names the bucket and what a valid name is for InvalidBucketName', () => {
    const c = classify(answered('InvalidBucketName', 400, 'The specified bucket is not valid.'), {
      ...ctx,
      bucket: 'My_Photos',
    });
    expect(c).toMatchObject({ code: 'InvalidBucketName', class: 'permanent' });
    expect(c.message).toContain('"My_Photos"');
    expect(c.message).toContain('3–63 characters of lowercase letters, digits, dots and hyphens');
  });
});

describe('classify: TLS', () => {
  it.each([
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  ])('%s: an untrusted certificate, with the options that trust its CA', (code) => {
    const c = classify(nodeError(code, 'self-signed certificate'), { ...ctx, endpoint: 'https://s3.lan:7070' });
    expect(c).toMatchObject({ code: 'TlsUntrusted', class: 'permanent' });
    expect(c.message).toContain('https://s3.lan:7070');
    expect(c.message).toContain(code);
    expect(c.message).toContain("hoist: --ca-bundle FILE or AWS_CA_BUNDLE; app: the profile's CA certificate");
    expect(c.message).not.toContain('\n');
  });

  it('says an expired certificate has expired, and a certificate for another host name is that', () => {
    const expired = classify(nodeError('CERT_HAS_EXPIRED', 'certificate has expired'), ctx);
    expect(expired.code).toBe('TlsExpired');
    expect(expired.message).toContain('has expired');
    expect(expired.message).not.toContain('--ca-bundle');
    const host = classify(
      nodeError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames", {
        reason: "Host: localhost. is not in the cert's altnames: DNS:example.com",
      }),
      ctx,
    );
    expect(host.code).toBe('TlsHostMismatch');
    expect(host.message).toContain('not for that host name');
    expect(host.message).toContain('DNS:example.com');
  });
});

describe('stopsBatch', () => {
  it.each([
    'InvalidAccessKeyId',
    'XAdminUserNotFound',
    'SignatureDoesNotMatch',
    'NoCredentials',
    'CredentialsProviderError',
    'NoSuchBucket',
    'InvalidBucketName',
    'PermanentRedirect',
    'AuthorizationHeaderMalformed',
    'TlsUntrusted',
    'TlsExpired',
    'TlsHostMismatch',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
  ])('%s stops the batch', (code) => {
    expect(stopsBatch(code)).toBe(true);
  });

  it.each([
    'AccessDenied',
    'NotFound',
    'FileMissing',
    'FileChanged',
    'SlowDown',
    'InternalError',
    'EndpointUnreachable',
    'ECONNRESET',
    'NoSuchUpload',
    'EntityTooLarge',
    'XSomethingElse',
  ])('%s does not: it may be this file only, or pass', (code) => {
    expect(stopsBatch(code)).toBe(false);
  });

  it('holds for the codes classify gives the batch stoppers, and their messages do not name the file', () => {
    const errors = [
      answered('XAdminUserNotFound', 404, 'User not found'),
      answered('SignatureDoesNotMatch', 403, 'x'),
      answered('NoSuchBucket', 404, 'x'),
      answered('InvalidBucketName', 400, 'x'),
      answered('PermanentRedirect', 301, 'x'),
      nodeError('SELF_SIGNED_CERT_IN_CHAIN', 'x'),
      Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' }),
      notXml(501, '<html><head><meta charset="utf-8"></head></html>'),
    ];
    for (const err of errors) {
      const c = classify(err, ctx);
      expect(stopsBatch(c.code), c.code).toBe(true);
      expect(c.message).not.toContain('a.bin');
    }
  });
});

/**
 * As the SDK throws it for an answer whose body is not XML (python's http.server, nginx, a JSON API): name "Error",
 * the parser's message, and the text kept (hidden) in $responseBodyText.
 */
function notXml(status: number, body: string): Error {
  const e = Object.assign(
    new Error('@aws-sdk XML parse error: mismatched tags <meta> and </head>.\n  Deserialization error: ...'),
    { $metadata: { httpStatusCode: status } },
  );
  Object.defineProperty(e, '$responseBodyText', { value: body });
  return e;
}

describe('classify: a server that is not S3', () => {
  const page =
    '<!DOCTYPE HTML><html><head><meta charset="utf-8"><title>Error response</title></head><body>Unsupported method</body></html>';

  it.each([501, 404, 405, 400, 413, 200])(
    'HTTP %i with a body that holds no S3 error: NotS3Endpoint, permanent, naming the endpoint',
    (status) => {
      const c = classify(notXml(status, page), ctx);
      expect(c).toEqual({
        code: 'NotS3Endpoint',
        class: 'permanent',
        message: `http://127.0.0.1:9000 does not look like an S3 server: it answered HTTP ${status} with a reply that holds no S3 error code. Check the endpoint URL: it must be the address of the S3 API.`,
        text: { key: 'engineError.NotS3Endpoint', params: { endpoint: 'http://127.0.0.1:9000', status } },
      });
    },
  );

  it('keeps the same words for every file (one line for a whole batch) and stops the batch', () => {
    expect(classify(notXml(501, page), { ...ctx, key: 'other.bin', file: '/other.bin' }).message).toBe(
      classify(notXml(501, page), ctx).message,
    );
    expect(stopsBatch('NotS3Endpoint')).toBe(true);
    // A listing has no key: the same sentence.
    expect(classify(notXml(404, page), { ...ctx, key: '', file: '' }).message).toContain(
      'answered HTTP 404 with a reply that holds no S3 error code',
    );
  });

  // A gateway's page while the server behind it is down; a server framework's crash page (moto's while it restarts).
  it.each([502, 503, 504, 429, 500])("HTTP %i in a page that is not S3's stays worth a retry", (status) => {
    const c = classify(notXml(status, '<html><head><title>Bad Gateway</title></head><body><hr></body></html>'), ctx);
    expect(c.class).toBe('transient');
    expect(c.message).toBe(
      `http://127.0.0.1:9000 answered HTTP ${status} without an S3 error code for a.bin; retrying may help.`,
    );
  });

  it('keeps real S3 5xx retried: an S3 error body, SlowDown, and an answer without a body (a HEAD)', () => {
    expect(classify(answered('InternalError', 500, 'We encountered an internal error.'), ctx)).toMatchObject({
      code: 'InternalError',
      class: 'transient',
    });
    expect(classify(answered('InternalError', 500, 'x'), ctx).message).toBe(
      'http://127.0.0.1:9000 answered InternalError (HTTP 500) for a.bin; retrying may help.',
    );
    expect(classify(answered('SlowDown', 503, 'Please reduce your request rate.'), ctx).class).toBe('transient');
    const head = Object.assign(new Error('UnknownError'), {
      name: 'Unknown',
      $fault: 'server' as const,
      $metadata: { httpStatusCode: 503 },
    });
    expect(classify(head, ctx)).toMatchObject({
      code: 'Unknown',
      class: 'transient',
      message: 'http://127.0.0.1:9000 answered HTTP 503 for a.bin; retrying may help.',
    });
    // An empty body says nothing either way: judged by its status as before.
    expect(classify(notXml(500, '  '), ctx).class).toBe('transient');
  });
});

describe("classify: a connection that broke or timed out is not said as the server's answer", () => {
  it.each([
    ['ECONNRESET', 'The connection to http://127.0.0.1:9000 broke while sending a.bin (ECONNRESET)'],
    ['EPIPE', 'The connection to http://127.0.0.1:9000 broke while sending a.bin (EPIPE)'],
    ['ETIMEDOUT', 'http://127.0.0.1:9000 did not answer in time for a.bin (ETIMEDOUT)'],
  ])('%s', (code, words) => {
    const c = classify(nodeError(code, 'read ' + code), ctx);
    expect(c).toMatchObject({ code, class: 'transient', message: `${words}; retrying may help.` });
    expect(c.message).not.toContain('answered');
  });

  it('a listing (no key) says it without one', () => {
    const c = classify(nodeError('ECONNRESET', 'read ECONNRESET'), { ...ctx, key: '', file: '' });
    expect(c.message).toBe('The connection to http://127.0.0.1:9000 broke (ECONNRESET); retrying may help.');
  });

  it("the lean path's request timeout (TimeoutError)", () => {
    const timeout = Object.assign(new Error('no answer within 30 s'), { name: 'TimeoutError' });
    expect(classify(timeout, ctx).message).toBe(
      'http://127.0.0.1:9000 did not answer in time for a.bin (TimeoutError); retrying may help.',
    );
  });
});

describe('classify: words the app and the CLI share', () => {
  it('a file that went away is to be uploaded again, not "added" (the app\'s word)', () => {
    const c = classify(nodeError('ENOENT', 'no such file'), ctx);
    expect(c).toMatchObject({
      code: 'FileMissing',
      message: '/home/u/a.bin no longer exists; upload it again once it is back.',
    });
  });

  it('neverReached: an endpoint that never answered, named with the cause and the deadline', () => {
    const refused = nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9000');
    expect(neverReached(refused, ctx, 3000)).toEqual({
      code: 'EndpointUnreachable',
      class: 'unreachable',
      message:
        'Cannot reach http://127.0.0.1:9000 (ECONNREFUSED): no request to it has succeeded, and Hoist gave up after 3 s. Check the endpoint URL and that the server is running there.',
      text: {
        key: 'engineError.EndpointNeverReached',
        params: { endpoint: 'http://127.0.0.1:9000', code: 'ECONNREFUSED', seconds: 3 },
      },
    });
    expect(neverReached(nodeError('ENOTFOUND', 'getaddrinfo'), ctx, 2400).message).toContain(
      '(ENOTFOUND): no request to it has succeeded, and Hoist gave up after 2 s.',
    );
  });
});
