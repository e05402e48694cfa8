// The system proxy as the app uses it: PAC answers turned into proxy URLs, and the answers looked up ahead so that the
// settings store can build an endpoint without waiting.
import { describe, expect, it } from 'vitest';
import { createSystemProxy, proxyQueryUrl, proxyUrlFromPac } from './system-proxy';

describe('proxyUrlFromPac', () => {
  it.each([
    ['PROXY proxy.corp.example:3128; DIRECT', 'http://proxy.corp.example:3128'],
    ['HTTPS secure.corp.example:443', 'https://secure.corp.example:443'],
    ['HTTP 10.0.0.1:8080', 'http://10.0.0.1:8080'],
    ['SOCKS5 socks.example:1080; PROXY fallback.example:8080', 'http://fallback.example:8080'],
    ['PROXY [2001:db8::1]:3128', 'http://[2001:db8::1]:3128'],
    ['  proxy   lower.example:3128 ', 'http://lower.example:3128'],
  ])('%s → %s', (answer, url) => {
    expect(proxyUrlFromPac(answer)).toBe(url);
  });

  it.each([['DIRECT'], ['DIRECT; PROXY later.example:3128'], [''], ['SOCKS5 socks.example:1080'], ['PROXY no-port']])(
    '%s → no proxy',
    (answer) => {
      expect(proxyUrlFromPac(answer)).toBeUndefined();
    },
  );
});

describe('createSystemProxy', () => {
  it('asks for each endpoint once ahead, and answers from what it learned', async () => {
    const asked: string[] = [];
    const proxy = createSystemProxy(async (url) => {
      asked.push(url);
      return url.includes('amazonaws') ? 'PROXY corp.example:8080' : 'DIRECT';
    });
    await proxy.refresh([
      { endpointUrl: '', region: 'eu-west-1' },
      { endpointUrl: 'http://127.0.0.1:9000', region: 'us-east-1' },
      { endpointUrl: '', region: 'eu-west-1', proxyUrl: '' },
      { endpointUrl: 'https://own-proxy.example', region: 'us-east-1', proxyUrl: 'http://p.example:1' },
    ]);
    expect(asked).toEqual(['https://s3.eu-west-1.amazonaws.com/', 'http://127.0.0.1:9000']);
    expect(proxy.lookup('', 'eu-west-1')).toBe('http://corp.example:8080');
    expect(proxy.lookup('http://127.0.0.1:9000', 'us-east-1')).toBeUndefined();
    expect(asked).toHaveLength(2);
  });

  it('answers "none yet" for an endpoint it was not asked about, and knows it once the system answered', async () => {
    let answer: (value: string) => void = () => undefined;
    const proxy = createSystemProxy(() => new Promise<string>((r) => (answer = r)));
    expect(proxy.lookup('https://minio.example', 'us-east-1')).toBeUndefined();
    answer('HTTPS tls-proxy.example:443');
    await new Promise((r) => setTimeout(r, 0));
    expect(proxy.lookup('https://minio.example', 'us-east-1')).toBe('https://tls-proxy.example:443');
  });

  it('treats a failing resolver as no proxy', async () => {
    const proxy = createSystemProxy(async () => {
      throw new Error('no session');
    });
    await proxy.refresh([{ endpointUrl: 'https://minio.example', region: 'us-east-1' }]);
    expect(proxy.lookup('https://minio.example', 'us-east-1')).toBeUndefined();
  });

  it('asks about S3 in the profile’s region for AWS', () => {
    expect(proxyQueryUrl('', 'ap-northeast-1')).toBe('https://s3.ap-northeast-1.amazonaws.com/');
    expect(proxyQueryUrl('', '')).toBe('https://s3.us-east-1.amazonaws.com/');
  });
});
