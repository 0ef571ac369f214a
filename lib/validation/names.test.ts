import { describe, expect, it } from 'vitest';
import {
  endpointArg,
  interfaceNameSchema,
  isSystemSnapName,
  isValidPlugOrSlotName,
  isValidSnapName,
  MAX_PLUG_SLOT_NAME_LENGTH,
  NameError,
  parseEndpointRef,
  plugSlotNameSchema,
  snapNameSchema,
} from './names';

// Test vectors from snapd snap/naming/validate_test.go, as quoted in snap-reference.md §3.
const FORTY_CHARS = 'u-94903713687486543234157734673284536758';
const VALID_SNAP_NAMES = ['aa', 'a-b-c', '01game', '1-or-2', FORTY_CHARS];
const INVALID_SNAP_NAMES = ['a', '-', 'a--a', 'a-', '0', '123', `${FORTY_CHARS}a`, ''];
const VALID_PLUG_NAMES = ['a', 'a-b-c', 'network-observe', 'k8s-kubelet', 'x11'];
const INVALID_PLUG_NAMES = ['123abc', '-a', 'a--a', '0', 'a-', '', 'Network', 'a_b', 'a.b'];

// Input an attacker might send, each of which must be rejected everywhere.
const HOSTILE = {
  'semicolon': 'microk8s;reboot',
  'ampersands': 'microk8s&&id',
  'pipe': 'microk8s|id',
  'redirect': 'microk8s>/etc/passwd',
  'space': 'micro k8s',
  'leading space': ' microk8s',
  'tab': 'micro\tk8s',
  'newline': 'microk8s\nid',
  'carriage return': 'microk8s\r',
  'NUL': 'microk8s\0',
  'command substitution': '$(id)',
  'backticks': '`id`',
  'IFS expansion': 'a${IFS}b',
  'variable': '$HOME',
  'glob': 'micro*',
  'quote': "micro'k8s",
  'double quote': 'micro"k8s',
  'backslash': 'micro\\k8s',
  'long option': '--help',
  'short option': '-x',
  'path traversal': '../etc',
  'slash': 'a/b',
  'non-ASCII letter': 'mícrok8s',
  'full-width letters': 'ｍｉｃｒｏｋ８ｓ',
  'Cyrillic look-alike': 'microk8ѕ',
  'zero-width space': 'micro\u200bk8s',
  'over-long': 'a'.repeat(10_000),
} as const;

describe('isValidSnapName', () => {
  it.each(VALID_SNAP_NAMES)('accepts %j', (name) => {
    expect(isValidSnapName(name)).toBe(true);
  });
  it.each(INVALID_SNAP_NAMES)('rejects %j', (name) => {
    expect(isValidSnapName(name)).toBe(false);
  });
  it('has 40 and 41 character vectors of the right length', () => {
    expect(FORTY_CHARS).toHaveLength(40);
    expect(isValidSnapName(`${FORTY_CHARS}a`)).toBe(false);
  });
  it('accepts the system snap names and the lab snaps', () => {
    for (const name of ['system', 'core', 'snapd', 'core20', 'microk8s', 'lab-config-provider']) {
      expect(isValidSnapName(name)).toBe(true);
    }
  });
  it('accepts instance names with a key of 1–10 [a-z0-9]', () => {
    expect(isValidSnapName('microk8s_test')).toBe(true);
    expect(isValidSnapName('microk8s_1')).toBe(true);
    expect(isValidSnapName('microk8s_0123456789')).toBe(true);
    expect(isValidSnapName('microk8s_01234567890')).toBe(false); // 11
    expect(isValidSnapName('microk8s_')).toBe(false);
    expect(isValidSnapName('microk8s_Test')).toBe(false);
    expect(isValidSnapName('microk8s_a-b')).toBe(false);
    expect(isValidSnapName('microk8s_a_b')).toBe(false);
    expect(isValidSnapName('a_key')).toBe(false); // the store name "a" is too short
    expect(isValidSnapName('_key')).toBe(false);
  });
  it.each(Object.entries(HOSTILE))('rejects %s', (_, value) => {
    expect(isValidSnapName(value)).toBe(false);
  });
  it('rejects non-strings without throwing', () => {
    expect(isValidSnapName(undefined as unknown as string)).toBe(false);
    expect(isValidSnapName(42 as unknown as string)).toBe(false);
  });
});

describe('isValidPlugOrSlotName', () => {
  it.each(VALID_PLUG_NAMES)('accepts %j', (name) => {
    expect(isValidPlugOrSlotName(name)).toBe(true);
  });
  it.each(INVALID_PLUG_NAMES)('rejects %j', (name) => {
    expect(isValidPlugOrSlotName(name)).toBe(false);
  });
  it('caps the length at 100 (snapd has no limit)', () => {
    expect(MAX_PLUG_SLOT_NAME_LENGTH).toBe(100);
    expect(isValidPlugOrSlotName('a'.repeat(100))).toBe(true);
    expect(isValidPlugOrSlotName('a'.repeat(101))).toBe(false);
    expect(isValidPlugOrSlotName('a-'.repeat(49) + 'ab')).toBe(true); // 100 with dashes
  });
  it.each(Object.entries(HOSTILE))('rejects %s', (_, value) => {
    expect(isValidPlugOrSlotName(value)).toBe(false);
  });
  it('answers quickly on a long near-miss (no catastrophic backtracking)', () => {
    const started = performance.now();
    expect(isValidPlugOrSlotName(`${'a-'.repeat(50_000)}-`)).toBe(false);
    expect(isValidSnapName(`${'a-'.repeat(50_000)}-`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000); // exponential backtracking would take minutes
  });
});

describe('isSystemSnapName', () => {
  it('knows system, core and snapd', () => {
    expect(['system', 'core', 'snapd'].map(isSystemSnapName)).toEqual([true, true, true]);
    expect(isSystemSnapName('core20')).toBe(false);
  });
});

describe('zod schemas', () => {
  it('snapNameSchema accepts valid names and reports snapd’s message', () => {
    expect(snapNameSchema.parse('microk8s')).toBe('microk8s');
    const result = snapNameSchema.safeParse('a');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('invalid snap name: "a"');
    expect(snapNameSchema.safeParse('microk8s_BAD').error?.issues[0]?.message).toBe('invalid instance key: "BAD"');
    expect(snapNameSchema.safeParse(42).success).toBe(false);
  });
  it('plugSlotNameSchema and interfaceNameSchema follow the plug rule', () => {
    expect(plugSlotNameSchema.parse('network-observe')).toBe('network-observe');
    expect(interfaceNameSchema.parse('kubernetes-support')).toBe('kubernetes-support');
    expect(interfaceNameSchema.safeParse('123abc').error?.issues[0]?.message).toBe('invalid interface name: "123abc"');
    expect(plugSlotNameSchema.safeParse('-a').error?.issues[0]?.message).toBe('invalid plug or slot name: "-a"');
  });
  it.each(Object.entries(HOSTILE))('all three reject %s', (_, value) => {
    expect(snapNameSchema.safeParse(value).success).toBe(false);
    expect(plugSlotNameSchema.safeParse(value).success).toBe(false);
    expect(interfaceNameSchema.safeParse(value).success).toBe(false);
  });
  it('cuts a huge value in the message', () => {
    const message = snapNameSchema.safeParse('A'.repeat(10_000)).error?.issues[0]?.message ?? '';
    expect(message.length).toBeLessThan(100);
    expect(message.startsWith('invalid snap name: "AAAA')).toBe(true);
  });
});

describe('parseEndpointRef', () => {
  const plugSide = { allowSnapOnly: false };
  const slotSide = { allowSnapOnly: true };

  it('reads snap:name, :name and (slot side) snap', () => {
    expect(parseEndpointRef('microk8s:network', plugSide)).toEqual({ snap: 'microk8s', name: 'network' });
    expect(parseEndpointRef(':network', slotSide)).toEqual({ snap: 'system', name: 'network' });
    expect(parseEndpointRef('lab-config-provider', slotSide)).toEqual({ snap: 'lab-config-provider', name: null });
    expect(parseEndpointRef('microk8s_test:network', plugSide)).toEqual({ snap: 'microk8s_test', name: 'network' });
  });
  it('accepts system, core and snapd as the system snap on the slot side', () => {
    expect(parseEndpointRef('system', slotSide)).toEqual({ snap: 'system', name: null });
    expect(parseEndpointRef('core', slotSide)).toEqual({ snap: 'core', name: null });
    expect(parseEndpointRef('snapd:network', slotSide)).toEqual({ snap: 'snapd', name: 'network' });
    expect(parseEndpointRef('system:network', slotSide)).toEqual({ snap: 'system', name: 'network' });
  });
  it('uses snapd’s wording for shape errors', () => {
    expect(() => parseEndpointRef('microk8s', plugSide)).toThrow(
      new NameError('invalid value: "microk8s" (want snap:name or :name)'),
    );
    expect(() => parseEndpointRef('a:b:c', slotSide)).toThrow('invalid value: "a:b:c" (want snap:name or snap)');
    expect(() => parseEndpointRef('microk8s:', slotSide)).toThrow('invalid value: "microk8s:" (want snap:name or snap)');
    expect(() => parseEndpointRef(':', plugSide)).toThrow('invalid value: ":" (want snap:name or :name)');
    expect(() => parseEndpointRef('', slotSide)).toThrow('invalid value: "" (want snap:name or snap)');
  });
  it('uses snapd’s wording for name errors', () => {
    expect(() => parseEndpointRef('Microk8s:network', plugSide)).toThrow('invalid snap name: "Microk8s"');
    expect(() => parseEndpointRef('a', slotSide)).toThrow('invalid snap name: "a"');
    expect(() => parseEndpointRef('microk8s:Network', plugSide)).toThrow('invalid plug name: "Network"');
    expect(() => parseEndpointRef('microk8s:123abc', slotSide)).toThrow('invalid slot name: "123abc"');
    expect(() => parseEndpointRef('microk8s:x--y', { allowSnapOnly: true, kind: 'plug' })).toThrow(
      'invalid plug name: "x--y"',
    );
    expect(() => parseEndpointRef('foo_BAR:x', plugSide)).toThrow('invalid instance key: "BAR"');
  });
  it('escapes control characters in messages like Go’s %q', () => {
    expect(() => parseEndpointRef('microk8s:a\nb', plugSide)).toThrow('invalid plug name: "a\\nb"');
  });
  it('throws NameError (an Error) and nothing else', () => {
    try {
      parseEndpointRef('--help', slotSide);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NameError);
      expect(error).toBeInstanceOf(Error);
      expect((error as NameError).name).toBe('NameError');
    }
    expect(() => parseEndpointRef(undefined as unknown as string, slotSide)).toThrow(NameError);
  });

  describe.each(Object.entries(HOSTILE))('rejects %s', (_, value) => {
    it.each([
      ['as the whole text, plug side', value, plugSide],
      ['as the whole text, slot side', value, slotSide],
      ['as the snap', `${value}:network`, plugSide],
      ['as the plug', `microk8s:${value}`, plugSide],
      ['as the slot', `:${value}`, slotSide],
    ] as const)('%s', (_label, text, options) => {
      expect(() => parseEndpointRef(text, options)).toThrow(NameError);
    });
  });
});

describe('endpointArg', () => {
  it('gives the CLI form: system as ":name", snap-only as the bare name', () => {
    expect(endpointArg({ snap: 'microk8s', name: 'network' })).toBe('microk8s:network');
    expect(endpointArg({ snap: 'system', name: 'network' })).toBe(':network');
    expect(endpointArg({ snap: 'lab-config-provider', name: null })).toBe('lab-config-provider');
    expect(endpointArg({ snap: 'system', name: null })).toBe('system');
    expect(endpointArg({ snap: 'snapd', name: 'network' })).toBe('snapd:network');
  });
  it('round-trips parseEndpointRef', () => {
    for (const text of ['microk8s:network', ':network', 'lab-devmode:microk8s', 'microk8s_x:home']) {
      expect(endpointArg(parseEndpointRef(text, { allowSnapOnly: false }))).toBe(text);
    }
    expect(endpointArg(parseEndpointRef('microk8s', { allowSnapOnly: true }))).toBe('microk8s');
  });
  it('refuses a ref that did not come from parseEndpointRef and is invalid', () => {
    expect(() => endpointArg({ snap: '--help', name: null })).toThrow(NameError);
    expect(() => endpointArg({ snap: 'microk8s', name: '$(id)' })).toThrow(NameError);
    expect(() => endpointArg({ snap: '', name: 'network' })).toThrow(NameError);
  });
});
