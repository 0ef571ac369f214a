import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors';
import { checkCsrf, checkHost, checkSameOrigin, clientAddress, hostAllowed, parseHost, requestProtocol } from './request-checks';
import { safeEqual } from './safe-equal';

const cfg = { bindAddress: '127.0.0.1', port: 3000, allowedHosts: [] as string[] };
const noProxy = false;
const proxied = true;

function req(headers: Record<string, string>, init: RequestInit & { url?: string } = {}): Request {
  return new Request(init.url ?? 'http://127.0.0.1:3000/api/x', { method: 'POST', ...init, headers });
}

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}


describe('Host allow-list', () => {
  it('accepts the default names with the bound port', () => {
    for (const host of ['127.0.0.1:3000', 'localhost:3000', 'LOCALHOST:3000', '[::1]:3000']) {
      expect(hostAllowed(host, cfg), host).toBe(true);
    }
  });

  it('rejects other ports, unknown names, malformed values and a missing Host', () => {
    for (const host of ['127.0.0.1:3001', 'localhost', 'attacker.example:3000', 'localhost.:3000', '::1:3000', '127.0.0.1:3000:1', 'a b:3000', '']) {
      expect(hostAllowed(host, cfg), host).toBe(false);
    }
    expect(hostAllowed(null, cfg)).toBe(false);
  });

  it('adds the bound address, bracketing IPv6', () => {
    expect(hostAllowed('192.168.1.5:3000', { ...cfg, bindAddress: '192.168.1.5' })).toBe(true);
    expect(hostAllowed('[fd00::5]:3000', { ...cfg, bindAddress: 'fd00::5' })).toBe(true);
    // A wildcard bind names nothing.
    expect(hostAllowed('0.0.0.0:3000', { ...cfg, bindAddress: '0.0.0.0' })).toBe(false);
  });

  it('treats a Host without port as the default port', () => {
    expect(hostAllowed('localhost', { ...cfg, port: 80 })).toBe(true);
    expect(hostAllowed('localhost', cfg)).toBe(false);
  });

  it('accepts configured names: any port without one, exactly with one', () => {
    const c = { ...cfg, allowedHosts: ['dash.example', 'box.lan:8443'] };
    expect(hostAllowed('dash.example', c)).toBe(true);
    expect(hostAllowed('dash.example:443', c)).toBe(true);
    expect(hostAllowed('box.lan:8443', c)).toBe(true);
    expect(hostAllowed('box.lan:3000', c)).toBe(false);
    expect(hostAllowed('evil.dash.example', c)).toBe(false);
  });

  it('checkHost throws 421 bad-host — DNS rebinding: a matching Origin does not help', () => {
    const rebinding = req({ host: 'attacker.example:3000', origin: 'http://attacker.example:3000', 'sec-fetch-site': 'same-origin' });
    const e = thrown(() => checkHost(rebinding, cfg));
    expect(e.status).toBe(421);
    expect(e.code).toBe('bad-host');
    expect(() => checkHost(req({ host: '127.0.0.1:3000' }), cfg)).not.toThrow();
  });

  it('parses Host values', () => {
    expect(parseHost('[::1]:3000')).toEqual({ name: '[::1]', port: 3000 });
    expect(parseHost('Example.COM')).toEqual({ name: 'example.com', port: null });
    expect(parseHost('x:0')).toBeNull();
    expect(parseHost('x:65536')).toBeNull();
    expect(parseHost('[nope]:1')).toBeNull();
  });
});

describe('same-origin check', () => {
  const host = { host: '127.0.0.1:3000' };

  it('accepts our own Origin, and a missing Origin with Sec-Fetch-Site: same-origin', () => {
    expect(() => checkSameOrigin(req({ ...host, origin: 'http://127.0.0.1:3000' }), noProxy)).not.toThrow();
    expect(() => checkSameOrigin(req({ ...host, origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }), noProxy)).not.toThrow();
    expect(() => checkSameOrigin(req({ ...host, 'sec-fetch-site': 'same-origin' }), noProxy)).not.toThrow();
  });

  it.each([
    ['a foreign Origin', { origin: 'http://attacker.example' }],
    ['our host on another port', { origin: 'http://127.0.0.1:3001' }],
    ['the other scheme', { origin: 'https://127.0.0.1:3000' }],
    ['Origin: null', { origin: 'null' }],
    ['no Origin and no Sec-Fetch-Site', {}],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['Sec-Fetch-Site: none', { 'sec-fetch-site': 'none' }],
    ['a cross-site fetch that claims our Origin', { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }],
    ['Origin: null with Sec-Fetch-Site: same-origin', { origin: 'null', 'sec-fetch-site': 'same-origin' }],
  ])('rejects %s with 403 cross-origin', (_name, headers) => {
    const e = thrown(() => checkSameOrigin(req({ ...host, ...headers }), noProxy));
    expect(e.status).toBe(403);
    expect(e.code).toBe('cross-origin');
  });

  it('uses X-Forwarded-Proto only behind a trusted proxy', () => {
    const behindTls = req({ ...host, origin: 'https://127.0.0.1:3000', 'x-forwarded-proto': 'https' });
    expect(() => checkSameOrigin(behindTls, proxied)).not.toThrow();
    expect(() => checkSameOrigin(behindTls, noProxy)).toThrow(ApiError);
    expect(requestProtocol(behindTls, noProxy)).toBe('http');
    expect(requestProtocol(req({}, { url: 'https://127.0.0.1:3000/' }), noProxy)).toBe('https');
  });
});

describe('request key (x-csrf-token)', () => {
  const session = { csrf: 'c'.repeat(43) };
  // What session.ts passes: the session whose key matches, else null.
  const match = (key: string | null) => (key !== null && safeEqual(key, session.csrf) ? session : null);
  it('accepts the session key and returns the session it names', () => {
    expect(checkCsrf(req({ 'x-csrf-token': 'c'.repeat(43) }), match)).toBe(session);
  });
  it.each([
    ['missing', {}],
    ['empty', { 'x-csrf-token': '' }],
    ['forged', { 'x-csrf-token': 'd'.repeat(43) }],
    ['a prefix', { 'x-csrf-token': 'c'.repeat(42) }],
  ])('rejects a %s token with 403 csrf', (_n, headers) => {
    const e = thrown(() => checkCsrf(req(headers), match));
    expect(e.status).toBe(403);
    expect(e.code).toBe('csrf');
  });
  it('safeEqual compares exactly', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('clientAddress', () => {
  it('uses the single X-Forwarded-For value Next sets from the socket', () => {
    expect(clientAddress(req({ 'x-forwarded-for': '192.0.2.7' }), noProxy)).toBe('192.0.2.7');
    expect(clientAddress(req({ 'x-forwarded-for': '::ffff:127.0.0.1' }), noProxy)).toBe('127.0.0.1');
    expect(clientAddress(req({}), noProxy)).toBe('local');
  });
  it('does not believe a client-made chain, X-Real-IP or non-addresses without a trusted proxy', () => {
    expect(clientAddress(req({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2' }), noProxy)).toBe('unknown');
    expect(clientAddress(req({ 'x-real-ip': '1.1.1.1' }), noProxy)).toBe('local');
    expect(clientAddress(req({ 'x-forwarded-for': '<script>' }), noProxy)).toBe('unknown');
  });
  it('takes the right-most entry (the one our proxy appended) behind a trusted proxy', () => {
    expect(clientAddress(req({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }), proxied)).toBe('203.0.113.9');
    expect(clientAddress(req({ 'x-real-ip': '203.0.113.9' }), proxied)).toBe('203.0.113.9');
  });
});
