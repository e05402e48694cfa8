// Which requests go through a proxy: HTTPS_PROXY for https, HTTP_PROXY for http (lower case first, as curl reads
// them), NO_PROXY's hosts and domains bypassed, the endpoint's own proxy setting over all of them.
import { describe, expect, it } from 'vitest';
import { bypassesProxy, parseProxyUrl, proxyAuthorization, proxyRoute, ProxyUrlError } from './proxy-route';

const via = (protocol: string, host: string, port: number, env: NodeJS.ProcessEnv, explicit?: string): string => {
  const route = proxyRoute(protocol, host, port, explicit, env);
  return route.kind === 'direct' ? 'direct' : route.proxy.href;
};

describe('proxyRoute', () => {
  it('takes the variable for the scheme, lower case first', () => {
    const env = { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', HTTP_PROXY: 'plain:3' };
    expect(via('https:', 's3.amazonaws.com', 443, env)).toBe('http://lower:2/');
    // A bare host:port is an http proxy.
    expect(via('http:', 'minio.local', 9000, env)).toBe('http://plain:3/');
    expect(via('https:', 'x', 443, {})).toBe('direct');
  });

  it('the endpoint setting wins over the environment and NO_PROXY', () => {
    expect(via('https:', '127.0.0.1', 443, { NO_PROXY: '*', HTTPS_PROXY: 'http://env:1' }, 'http://mine:8080')).toBe(
      'http://mine:8080/',
    );
  });

  it('refuses a proxy that is not http(s), naming where it came from', () => {
    expect(() => proxyRoute('https:', 'x', 443, undefined, { HTTPS_PROXY: 'socks5://p:1080' })).toThrow(
      new ProxyUrlError('socks5://p:1080', 'HTTPS_PROXY'),
    );
    expect(() => parseProxyUrl('http://', 'the proxy setting')).toThrow(ProxyUrlError);
  });
});

describe('bypassesProxy', () => {
  it.each([
    ['127.0.0.1', 9000, '127.0.0.1', true],
    ['s3.example.com', 443, 'example.com', true],
    ['s3.example.com', 443, '.example.com', true],
    ['example.com', 443, '.example.com', true],
    ['badexample.com', 443, 'example.com', false],
    ['minio', 9000, 'minio:9000', true],
    ['minio', 9001, 'minio:9000', false],
    ['anything', 1, '*', true],
    ['[::1]', 9000, '::1', true],
    ['host', 1, '', false],
  ])('%s:%i with NO_PROXY=%s → %s', (host, port, list, expected) => {
    expect(bypassesProxy(host, port, list)).toBe(expected);
  });
});

describe('proxyAuthorization', () => {
  it('is Basic from the URL user and password, decoded', () => {
    expect(proxyAuthorization(new URL('http://al%40ice:p%3Ass@proxy:1'))).toBe(
      `Basic ${Buffer.from('al@ice:p:ss').toString('base64')}`,
    );
    expect(proxyAuthorization(new URL('http://proxy:1'))).toBeUndefined();
  });
});
