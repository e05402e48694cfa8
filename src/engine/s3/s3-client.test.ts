// validateEndpointUrl: the endpoint checks the engine applies to every target, and what its messages may repeat.
import { describe, expect, it } from 'vitest';
import { HoistError } from './errors';
import { validateEndpointUrl } from './s3-client';

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
    for (const url of [undefined, '', 'http://127.0.0.1:9000', 'https://s3.example.com/', 'http://[::1]:9000', 'https://host/path@x']) {
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
    expect(refusal('nope')).toBe('Endpoint URL "nope" is not a valid URL. Use a form like https://s3.example.com or http://127.0.0.1:9000.');
    expect(refusal('ftp://host')).toBe('Endpoint URL "ftp://host" must start with http:// or https://.');
  });
});
