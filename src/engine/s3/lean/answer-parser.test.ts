// The answer parser against the shapes S3 servers answer a PUT in, each fed whole and byte by byte (a TCP read may end
// anywhere): sized bodies, chunked ones, interim answers, connections that close, and bytes that are no answer.
import { expect, it } from 'vitest';
import { AnswerError, AnswerParser, type ParsedAnswer } from './answer-parser';

/** Feeds `text` in pieces of `step` bytes; the answer and the bytes fed when it came. */
function feed(text: string, step: number): { answer: ParsedAnswer | undefined; at: number } {
  const bytes = Buffer.from(text, 'latin1');
  const parser = new AnswerParser();
  for (let at = 0; at < bytes.length; at += step) {
    const answer = parser.push(bytes.subarray(at, at + step));
    if (answer) return { answer, at: Math.min(at + step, bytes.length) };
  }
  return { answer: parser.end(), at: bytes.length };
}

const bothWays = (text: string) => [1, 7, text.length].map((step) => feed(text, step));

it('reads a 200 with an ETag and no body, and keeps the connection', () => {
  const text = 'HTTP/1.1 200 OK\r\nETag: "abc"\r\nContent-Length: 0\r\nx-amz-request-id: R1\r\n\r\n';
  for (const { answer, at } of bothWays(text)) {
    expect(answer).toEqual({
      status: 200,
      headers: { etag: '"abc"', 'content-length': '0', 'x-amz-request-id': 'R1' },
      body: '',
      keepAlive: true,
    });
    expect(at).toBe(text.length);
  }
});

it('reads an error body sized by Content-Length', () => {
  const xml = '<Error><Code>SignatureDoesNotMatch</Code><Message>no</Message></Error>';
  const text = `HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: ${xml.length}\r\n\r\n${xml}`;
  for (const { answer } of bothWays(text)) {
    expect(answer?.status).toBe(403);
    expect(answer?.body).toBe(xml);
    expect(answer?.keepAlive).toBe(true);
  }
});

it('reads a chunked body with a chunk extension and trailers', () => {
  const text =
    'HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n' +
    '5;ext=1\r\n<Erro\r\n' +
    'b\r\nr>x</Error>\r\n' +
    '0\r\nX-Trailer: t\r\n\r\n';
  for (const { answer, at } of bothWays(text)) {
    expect(answer).toMatchObject({ status: 500, body: '<Error>x</Error>', keepAlive: true });
    expect(at).toBe(text.length);
  }
});

it('passes over 100 Continue to the answer after it', () => {
  const text = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
  for (const { answer } of bothWays(text)) expect(answer).toMatchObject({ status: 200, body: 'ok' });
});

it('gives up the connection where the server says close, or HTTP/1.0 does not say keep-alive', () => {
  expect(feed('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', 100).answer?.keepAlive).toBe(false);
  expect(feed('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n', 100).answer?.keepAlive).toBe(false);
  expect(feed('HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n', 100).answer?.keepAlive).toBe(
    true,
  );
});

it('reads a body with neither length nor chunks up to the connection end, and not before', () => {
  const parser = new AnswerParser();
  expect(parser.push(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n<Error>'))).toBeUndefined();
  expect(parser.push(Buffer.from('</Error>'))).toBeUndefined();
  expect(parser.end()).toEqual({ status: 400, headers: {}, body: '<Error></Error>', keepAlive: false });
});

it('an answer cut short is no answer at its end', () => {
  const parser = new AnswerParser();
  expect(parser.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'))).toBeUndefined();
  expect(parser.end()).toBeUndefined();
  const chunked = new AnswerParser();
  expect(
    chunked.push(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n')),
  ).toBeUndefined();
  expect(chunked.end()).toBeUndefined();
});

it('bytes after a whole answer make the connection unusable', () => {
  const answer = feed('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\n', 1000).answer;
  expect(answer).toMatchObject({ status: 200, keepAlive: false });
});

it('joins repeated headers as Node does, keeping the first ETag', () => {
  const text =
    'HTTP/1.1 200 OK\r\nX-A: 1\r\nx-a: 2\r\nETag: "one"\r\nETag: "two"\r\nSet-Cookie: a\r\nSet-Cookie: b\r\nContent-Length: 0\r\n\r\n';
  expect(feed(text, 1000).answer?.headers).toEqual({
    'x-a': '1, 2',
    etag: '"one"',
    'set-cookie': ['a', 'b'],
    'content-length': '0',
  });
});

it('refuses what is no HTTP answer, naming what is wrong', () => {
  expect(() => new AnswerParser().push(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'))).toThrow(AnswerError);
  expect(() => new AnswerParser().push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n'))).toThrow(
    /Content-Length/,
  );
  expect(() =>
    new AnswerParser().push(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')),
  ).toThrow(/chunk size/);
  expect(() => new AnswerParser().push(Buffer.alloc(20_000, 'a'))).toThrow(/too long/);
  const longHead = `HTTP/1.1 200 OK\r\nX-Long: ${'a'.repeat(20_000)}\r\n\r\n`;
  expect(() => new AnswerParser().push(Buffer.from(longHead))).toThrow(/too long/);
  expect(() => new AnswerParser().push(Buffer.from('HTTP/1.1 200 OK\r\nX-A : 1\r\n\r\n'))).toThrow(/no name/);
  const twoLengths = 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab';
  expect(() => new AnswerParser().push(Buffer.from(twoLengths))).toThrow(/two different Content-Length/);
});

it('reads a chunked body that also names a length by its chunks, and does not keep that connection', () => {
  const text = 'HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n';
  expect(feed(text, 1000).answer).toMatchObject({ status: 200, body: 'ok', keepAlive: false });
});

it('keeps at most 64 KiB of a long body but reads it all', () => {
  const long = 'x'.repeat(200_000);
  const { answer, at } = feed(`HTTP/1.1 500 E\r\nContent-Length: ${long.length}\r\n\r\n${long}`, 8192);
  expect(answer?.status).toBe(500);
  expect(answer!.body.length).toBeLessThan(long.length);
  expect(answer!.body.length).toBeGreaterThanOrEqual(64 * 1024);
  expect(at).toBe(long.length + `HTTP/1.1 500 E\r\nContent-Length: ${long.length}\r\n\r\n`.length);
});
