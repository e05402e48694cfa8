// The endpoint options' handling of URLs that carry a user name and password: refused from the command line, cut from
// an old journal's URL, and cut from whatever a usage error quotes.
import { describe, expect, it } from 'vitest';
import { UsageError } from './args';
import { endpointArgs, withoutCredentials, withoutUrlCredentials } from './endpoint-options';

describe('endpointArgs', () => {
  it('refuses --endpoint-url with user:password as a usage error that does not repeat them', () => {
    for (const url of [
      'http://alice:hunter2@127.0.0.1:9000',
      'http://alice:hunter2@127.0.0.1:x',
      'https://alice@host',
    ]) {
      let caught: unknown;
      try {
        endpointArgs({ 'endpoint-url': url }, 'cp', {});
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(UsageError);
      expect((caught as UsageError).command).toBe('cp');
      expect((caught as UsageError).message).not.toMatch(/hunter2|alice/);
    }
  });

  it('takes a plain URL as it is', () => {
    expect(endpointArgs({ 'endpoint-url': 'http://127.0.0.1:9000' }, 'cp', {})).toEqual({
      endpointUrl: 'http://127.0.0.1:9000',
    });
  });
});

describe('withoutCredentials', () => {
  it('cuts the user info and keeps the rest as written', () => {
    expect(withoutCredentials('http://alice:hunter2@127.0.0.1:9000')).toBe('http://127.0.0.1:9000');
    expect(withoutCredentials('https://a%40b:p%2Fw@s3.example.com/base?x=1')).toBe('https://s3.example.com/base?x=1');
    expect(withoutCredentials('http://alice:p@ss@host:1')).toBe('http://host:1');
    expect(withoutCredentials('http://alice@host')).toBe('http://host');
  });
  it('leaves a URL without credentials, an unparsable one, and none alone', () => {
    for (const url of [undefined, '', 'http://127.0.0.1:9000', 'https://host/path@x', 'not a url'])
      expect(withoutCredentials(url)).toBe(url);
  });
});

describe('withoutUrlCredentials', () => {
  it('cuts user:password from every URL in a sentence, up to the last @ of the word', () => {
    expect(withoutUrlCredentials('Target "http://alice:hunter2@host/b/" is not an S3 URL.')).toBe(
      'Target "http://…@host/b/" is not an S3 URL.',
    );
    expect(withoutUrlCredentials('a https://u:pa/ss@h and HTTP://x@y')).toBe('a https://…@h and HTTP://…@y');
  });
  it('leaves s3:// URLs (an @ in a key is a character) and text without URLs alone', () => {
    for (const text of ['Source "s3://b/me@home.jpg" is an S3 URL', 'mail me@example.com', 'http://host/x'])
      expect(withoutUrlCredentials(text)).toBe(text);
  });
});
