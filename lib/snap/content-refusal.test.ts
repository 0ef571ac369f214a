import { describe, expect, it } from 'vitest';
import { contentRefusalHint, refusedPair } from './content-refusal';
import { problemFromSnapdMessage } from '../host/problems';

// snapd's failed-change error, as `snap watch`/`snap connect` print it (shared reference §1.5; the demo host's
// test/demo/behaviour.test.ts reproduces the same bytes)
const MESSAGE =
  'cannot perform the following tasks:\n- Connect microk8s:configuration to gtk-common-themes:gtk-3-themes (connection not allowed by slot rule of interface "content")';

describe('refusedPair', () => {
  it('reads the plug and slot from the task summary of the error', () => {
    expect(refusedPair(MESSAGE)).toEqual({ plug: 'microk8s:configuration', slot: 'gtk-common-themes:gtk-3-themes' });
  });
  it('null for other refusals and bare messages', () => {
    expect(refusedPair('connection not allowed by slot rule of interface "content"')).toBeNull();
    expect(refusedPair(MESSAGE.replace('"content"', '"home"'))).toBeNull();
  });
});

describe('contentRefusalHint', () => {
  const pair = refusedPair(MESSAGE);
  it('names both tags when they differ', () => {
    expect(contentRefusalHint(pair, { content: 'configuration' }, { content: 'gtk-3-themes' })).toBe(
      'microk8s:configuration wants content "configuration"; gtk-common-themes:gtk-3-themes offers "gtk-3-themes". A content plug connects only to a slot with the same content tag: pick a slot that offers "configuration" (the snap page lists those first).',
    );
  });
  it('equal tags: not a mismatch, the store\'s rules refused it', () => {
    expect(contentRefusalHint(pair, { content: 'x' }, { content: 'x' })).toMatch(/^microk8s:configuration and gtk-common-themes:gtk-3-themes both have content "x", so the tags are not why: .*snap-declaration/);
  });
  it('compatibility labels (snapd >= 2.72) are named, without claiming which rule failed', () => {
    expect(contentRefusalHint(pair, { content: 'a', compatibility: 'foo-(1..3)' }, { content: 'b' })).toBe(
      'microk8s:configuration has content "a", compatibility "foo-(1..3)"; gtk-common-themes:gtk-3-themes has content "b". snapd connects them only when the content tags are the same or the compatibility labels are compatible; otherwise pick a slot whose labels match.',
    );
  });
  it('tags unknown: no claim about them, and the hint of problems.ts claims none either', () => {
    const generic = contentRefusalHint(pair, undefined, { content: 'gtk-3-themes' });
    expect(generic).toBe(contentRefusalHint(null, undefined, undefined));
    expect(generic).toMatch(/could not be read/);
    expect(generic).not.toMatch(/differ/);
    expect(problemFromSnapdMessage(MESSAGE)).toMatchObject({ status: 409, code: 'policy-refused' });
    expect(problemFromSnapdMessage(MESSAGE).hint).not.toMatch(/differ/);
  });
});
