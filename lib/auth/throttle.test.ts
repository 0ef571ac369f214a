import { describe, expect, it } from 'vitest';
import { FailureThrottle } from './throttle';

describe('FailureThrottle', () => {
  it('lets 5 failures through, then backs off exponentially up to the cap; success resets', () => {
    let now = 0;
    const t = new FailureThrottle({ freeFailures: 5, baseDelaySeconds: 1, maxDelaySeconds: 8, forgetAfterMs: 3_600_000, maxKeys: 100 }, () => now);
    for (let i = 0; i < 4; i++) t.fail('a');
    expect(t.retryAfter('a')).toBe(0);
    t.fail('a'); // 5th
    expect(t.retryAfter('a')).toBe(1);
    t.fail('a');
    expect(t.retryAfter('a')).toBe(2);
    t.fail('a');
    expect(t.retryAfter('a')).toBe(4);
    t.fail('a');
    t.fail('a');
    expect(t.retryAfter('a')).toBe(8); // capped
    expect(t.retryAfter('b')).toBe(0);
    now += 8_000;
    expect(t.retryAfter('a')).toBe(0);
    t.succeed('a');
    t.fail('a');
    expect(t.retryAfter('a')).toBe(0);
  });

  it('forgets old failures and bounds the number of keys', () => {
    let now = 0;
    const t = new FailureThrottle({ freeFailures: 1, baseDelaySeconds: 1, maxDelaySeconds: 1, forgetAfterMs: 10_000, maxKeys: 2 }, () => now);
    t.fail('a');
    expect(t.retryAfter('a')).toBe(1);
    now += 20_000;
    expect(t.retryAfter('a')).toBe(0);
    t.fail('x');
    t.fail('y');
    t.fail('z'); // evicts x
    expect(t.retryAfter('z')).toBe(1);
    expect(t.retryAfter('x')).toBe(0);
  });
});
