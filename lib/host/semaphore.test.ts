import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore';

const timeout = () => new Error('waited too long');

describe('Semaphore', () => {
  it('lets `limit` holders in, queues the rest in order, and passes each released slot on', async () => {
    const s = new Semaphore(2);
    const order: number[] = [];
    const a = await s.acquire(1000, timeout);
    const b = await s.acquire(1000, timeout);
    const c = s.acquire(1000, timeout).then((r) => (order.push(3), r));
    const d = s.acquire(1000, timeout).then((r) => (order.push(4), r));
    expect(s.inUse).toBe(2);
    expect(s.waiting).toBe(2);
    a();
    a(); // a second call must not free a second slot
    const rc = await c;
    expect(order).toEqual([3]);
    expect(s.waiting).toBe(1);
    b();
    const rd = await d;
    expect(order).toEqual([3, 4]);
    rc();
    rd();
    expect(s.inUse).toBe(0);
  });

  it('gives up at the deadline and forgets the waiter', async () => {
    const s = new Semaphore(1);
    const held = await s.acquire(1000, timeout);
    await expect(s.acquire(20, timeout)).rejects.toThrow('waited too long');
    expect(s.waiting).toBe(0);
    held();
    expect(s.inUse).toBe(0);
    const again = await s.acquire(0, timeout);
    expect(s.inUse).toBe(1);
    again();
  });

  it('refuses a limit below 1', () => {
    expect(() => new Semaphore(0)).toThrow(/at least 1/);
  });
});
