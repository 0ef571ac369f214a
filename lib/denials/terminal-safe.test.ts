import { describe, expect, it } from 'vitest';
import { terminalSafe, terminalSafeJson } from './terminal-safe';

describe('terminalSafe', () => {
  it('shows ESC, BEL, C1 and the bidi overrides as escapes, so none reaches the terminal raw', () => {
    const hostile = '/tmp/\u001b[2J\u001b[H\u001b]0;owned\u0007\u001b]52;c;c3VkbyBybSAtcmYgLw==\u0007x\u009b31m\u202egnp.exe\nfake line\tend\u007f';
    const safe = terminalSafe(hostile);
    expect(safe).toBe('/tmp/\\x1b[2J\\x1b[H\\x1b]0;owned\\x07\\x1b]52;c;c3VkbyBybSAtcmYgLw==\\x07x\\x9b31m\\u{202e}gnp.exe\\x0afake line\\x09end\\x7f');
    expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('leaves ordinary text alone, non-ASCII letters included', () => {
    for (const text of ['read /proc/PID/mounts', 'café /home/jürgen/日本', 'sudo snap connect microk8s:mount-observe']) expect(terminalSafe(text)).toBe(text);
  });
});

describe('terminalSafeJson', () => {
  it('escapes DEL, C1 and bidi controls that JSON.stringify leaves raw, and parses back to the same value', () => {
    const value = { path: '/tmp/\u009b2J\u202eevil\u007f', esc: '\u001b]52;c;x\u0007', plain: 'ok' };
    const text = terminalSafeJson(value);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(text).toContain('\\u009b2J\\u202eevil\\u007f');
    expect(JSON.parse(text)).toEqual(value);
  });
});
