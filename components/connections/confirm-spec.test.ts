import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { describeInterface, interfaceInfo } from '@/lib/snap/interface-info';
import { connectAllConfirmation, connectConfirmation } from './confirm-spec';

const section = (html: string, risk: string): string | null => html.match(new RegExp(`<section aria-label="${risk} risk"[^>]*>(.*?)</section>`))?.[1] ?? null;

describe('Connect all required: the confirmation groups each connect by its interface\'s risk', () => {
  const steps = ['firewall-control', 'home', 'foo-bar', 'baz'].map((p) => ({ action: 'connect' as const, plug: `microk8s:${p}` }));
  // foo-bar: an interface the dashboard does not explain, with snapd's summary; baz: nothing known at all
  const infos = {
    'firewall-control': interfaceInfo('firewall-control')!,
    home: interfaceInfo('home')!,
    'foo-bar': describeInterface('foo-bar', 'allows frobbing the bar'),
  };
  const spec = connectAllConfirmation(steps, (plug) => plug.split(':')[1]!, infos);
  const html = renderToStaticMarkup(spec.body);

  it('an unexplained interface is "unknown risk" with snapd\'s summary, never "medium"; one with no information at all too', () => {
    const unknown = section(html, 'unknown');
    expect(unknown).not.toBeNull();
    expect(unknown).toContain('microk8s:foo-bar');
    expect(unknown).toContain('snapd&#x27;s summary: Allows frobbing the bar.');
    expect(unknown).toContain('microk8s:baz');
    expect(section(html, 'medium') ?? '').not.toMatch(/foo-bar|baz/);
  });

  it('the groups come in order: high before unknown before the known lower risks; every connect is listed once', () => {
    const order = [...html.matchAll(/<section aria-label="(\w+) risk"/g)].map((m) => m[1]);
    expect(order.indexOf('high')).toBeLessThan(order.indexOf('unknown'));
    expect(order.indexOf('unknown')).toBeLessThan(order.indexOf(infos.home.risk));
    for (const s of steps) expect(html.split(`>${s.plug}<`).length - 1).toBe(1);
    expect(spec.commands).toEqual(steps.map((s) => `sudo snap connect ${s.plug}`));
  });
});

describe('one connect: who is asked first', () => {
  const req = { action: 'connect' as const, plug: 'acme-agent:udisks2' };

  it('an interface of unknown risk asks, showing what snapd says of it and the exact command', () => {
    const spec = connectConfirmation(req, 'udisks2', describeInterface('udisks2', 'allows operating as or interacting with the UDisks2 service'));
    expect(spec).not.toBeNull();
    expect(spec!.tone).toBe('warn');
    expect(spec!.commands).toEqual(['sudo snap connect acme-agent:udisks2']);
    const html = renderToStaticMarkup(spec!.body);
    expect(html).toContain('unknown risk');
    expect(html).toContain('snapd&#x27;s summary: Allows operating as or interacting with the UDisks2 service.');
  });

  it('a low-risk interface the dashboard explains connects without a question; a high-risk one asks', () => {
    expect(interfaceInfo('network')!.risk).toBe('low');
    expect(connectConfirmation({ action: 'connect', plug: 'x:network' }, 'network', interfaceInfo('network')!)).toBeNull();
    expect(connectConfirmation({ action: 'connect', plug: 'x:firewall-control' }, 'firewall-control', interfaceInfo('firewall-control')!)).not.toBeNull();
  });
});
