// validateEndpointUrl: the endpoint checks the engine applies to every target, and what its messages may repeat.
import { afterEach, describe, expect, it } from 'vitest';
import { HoistError } from './errors';
import { createS3Client, withoutNodeVersionNotice } from './sdk-client';
import { validateEndpointUrl } from './endpoint-checks';
import { s3Sdk } from './s3-sdk';

function refusal(url: string): string {
  try {
    validateEndpointUrl(url);
  } catch (err) {
    expect(err).toBeInstanceOf(HoistError);
    expect((err as HoistError).code).toBe('InvalidEndpoint');
    return (err as HoistError).message;
  }
  throw new Error(`${url} was accepted`);
}

describe('validateEndpointUrl', () => {
  it('accepts http(s) URLs with a host, and no URL at all (AWS)', () => {
    for (const url of [
      undefined,
      '',
      'http://127.0.0.1:9000',
      'https://s3.example.com/',
      'http://[::1]:9000',
      'https://host/path@x',
    ]) {
      expect(() => validateEndpointUrl(url)).not.toThrow();
    }
  });

  it.each([
    ['http://alice:hunter2@127.0.0.1:9000', 'Endpoint URL http://127.0.0.1:9000 holds a user name or password'],
    ['https://alice@s3.example.com/', 'Endpoint URL https://s3.example.com holds a user name or password'],
    ['http://:hunter2@host', 'Endpoint URL http://host holds a user name or password'],
    ['http://alice:hunter2@', 'Endpoint URL "http://…@" is not a valid URL'],
    ['http://alice:hunter2@127.0.0.1:port', 'Endpoint URL "http://…@127.0.0.1:port" is not a valid URL'],
    ['http://alice:hun/ter2@host:x', 'Endpoint URL "http://…@host:x" is not a valid URL'],
    ['ftp://alice:hunter2@host', 'Endpoint URL ftp://host holds a user name or password'],
    ['alice:hunter2@host', 'Endpoint URL "…@host" must start with http:// or https://'],
  ])('refuses %s without repeating the user name or the password', (url, message) => {
    const text = refusal(url);
    expect(text).toContain(message);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('alice');
    expect(text).not.toContain('hun/');
  });

  it('still names a URL that is wrong for another reason', () => {
    expect(refusal('nope')).toBe(
      'Endpoint URL "nope" is not a valid URL. Use a form like https://s3.example.com or http://127.0.0.1:9000.',
    );
    expect(refusal('ftp://host')).toBe('Endpoint URL "ftp://host" must start with http:// or https://.');
  });
});

describe("the SDK's Node version notice", () => {
  const SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
  const before = process.env[SWITCH];
  afterEach(() => {
    if (before === undefined) delete process.env[SWITCH];
    else process.env[SWITCH] = before;
  });

  it('is switched off only while a client is created: the environment is as it was afterwards', () => {
    delete process.env[SWITCH];
    let during: string | undefined;
    expect(withoutNodeVersionNotice(() => (during = process.env[SWITCH]))).toBe('true');
    expect(during).toBe('true');
    expect(SWITCH in process.env).toBe(false);
    // Also when creating throws.
    expect(() =>
      withoutNodeVersionNotice(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(SWITCH in process.env).toBe(false);
  });

  it('leaves a value the user set alone', () => {
    process.env[SWITCH] = 'false';
    expect(withoutNodeVersionNotice(() => process.env[SWITCH])).toBe('false');
    expect(process.env[SWITCH]).toBe('false');
  });

  it('createS3Client emits no warning of its own, and other warnings still go out', async () => {
    delete process.env[SWITCH];
    const warnings: string[] = [];
    const listen = (w: Error): void => {
      warnings.push(w.message);
    };
    process.on('warning', listen);
    try {
      createS3Client(
        await s3Sdk(),
        {
          endpointUrl: 'http://127.0.0.1:9',
          region: 'us-east-1',
          forcePathStyle: true,
          checksum: 'auto',
          credentials: undefined,
        },
        { connectTimeoutMs: 1000, requestTimeoutMs: 1000 },
      ).destroy();
      process.emitWarning('another warning');
      // 'warning' events are emitted on the next tick.
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', listen);
    }
    expect(warnings).toEqual(['another warning']);
  });
});
