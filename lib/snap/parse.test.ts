import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  confinementOf,
  formatEndpoint,
  healthOf,
  parseChanges,
  parseConfinement,
  parseConnections,
  parseInterfaceDetail,
  parseInterfaceList,
  parseSandboxFeatures,
  parseSnapList,
  parseSnapVersion,
  snapKindOf,
  SnapParseError,
  type Connection,
  type InstalledSnap,
} from './parse';

// Fixtures are verbatim snap 2.57.6 transcripts; test/fixtures/snapd-lab/SOURCES.md says which command made each.
const FIXTURE_DIR = fileURLToPath(new URL('../../test/fixtures/snapd-lab/', import.meta.url));
const fixture = (name: string): string => readFileSync(`${FIXTURE_DIR}${name}`, 'utf8');

const withCrlf = (text: string) => text.replace(/\n/g, '\r\n');
const withTrailingSpaces = (text: string) => text.replace(/\n/g, '   \n');

/**
 * Lays out cells the way snap's Go tabwriter does (`tabwriter.NewWriter(Stdout, 5, 3, 2, ' ', 0)`):
 * a column is as wide as its widest cell in runes plus 2, at least 5; the last cell of a line is
 * not padded. Used only to lay out values the reference quotes as single cells; the first test
 * checks it against a real transcript byte for byte.
 */
function tabwriterTable(rows: string[][]): string {
  const columnCount = Math.max(...rows.map((row) => row.length));
  const widths: number[] = [];
  for (let column = 0; column < columnCount - 1; column++) {
    const widest = Math.max(...rows.map((row) => [...(row[column] ?? '')].length));
    widths.push(Math.max(5, widest + 2));
  }
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - [...cell].length),
        )
        .join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}

function tableCells(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split(/ {2,}/));
}

const endpoint = (snap: string, name: string) => ({ snap, name });

describe('tabwriterTable (test helper)', () => {
  it('reproduces a real `snap list` transcript byte for byte', () => {
    const real = fixture('02-snap-list.stdout');
    expect(tabwriterTable(tableCells(real))).toBe(real);
  });
  it('reproduces a real `snap changes` table byte for byte (the transcript adds a blank line)', () => {
    const real = fixture('57-snap-changes.stdout');
    expect(`${tabwriterTable(tableCells(real))}\n`).toBe(real);
  });
});

// ---------------------------------------------------------------------------------------------

describe('parseConnections', () => {
  it('reads `snap connections` (04): only established connections, system slots as "system"', () => {
    const connections = parseConnections(fixture('04-snap-connections.stdout'));
    expect(connections).toHaveLength(6);
    expect(connections[0]).toEqual({
      interface: 'home',
      plug: endpoint('microk8s', 'home'),
      slot: endpoint('system', 'home'),
      notes: [],
    });
    expect(connections.filter((c) => c.interface === 'network').map((c) => c.plug?.snap)).toEqual([
      'lab-config-provider',
      'lab-devmode',
      'microk8s',
    ]);
    expect(connections.every((c) => c.slot?.snap === 'system' && c.notes.length === 0)).toBe(true);
  });

  it('reads `snap connections --all` (05): unconnected plugs and slots have a null side', () => {
    const connections = parseConnections(fixture('05-snap-connections-all.stdout'));
    expect(connections).toHaveLength(36);
    expect(connections.filter((c) => c.slot === null)).toHaveLength(28);
    const unconnectedSlots = connections.filter((c) => c.plug === null);
    expect(unconnectedSlots).toEqual([
      { interface: 'content', plug: null, slot: endpoint('lab-config-provider', 'configuration'), notes: [] },
      { interface: 'content', plug: null, slot: endpoint('microk8s', 'microk8s'), notes: [] },
    ]);
    // snap 2.57 prints no content tag on unconnected rows, although both content slots have one
    expect(connections.some((c) => c.contentTag !== undefined)).toBe(false);
  });

  it('reads `snap connections microk8s` (06, 29, 39, 41, 45) as the state changes', () => {
    const initial = parseConnections(fixture('06-snap-connections-microk8s.stdout'));
    expect(initial).toHaveLength(31);
    expect(initial.every((c) => c.plug?.snap === 'microk8s' || c.slot?.snap === 'microk8s')).toBe(true);
    expect(initial.filter((c) => c.plug && c.slot).map((c) => c.interface)).toEqual([
      'home',
      'network',
      'network-bind',
      'opengl',
    ]);

    const find = (list: Connection[], plugName: string) => list.find((c) => c.plug?.name === plugName);

    const afterConnect = parseConnections(fixture('29-snap-connections-microk8s.stdout'));
    expect(find(afterConnect, 'network-observe')).toEqual({
      interface: 'network-observe',
      plug: endpoint('microk8s', 'network-observe'),
      slot: endpoint('system', 'network-observe'),
      notes: ['manual'],
    });

    const afterDisconnect = parseConnections(fixture('39-snap-connections-microk8s.stdout'));
    expect(find(afterDisconnect, 'network-observe')?.slot).toBeNull();
    expect(find(afterDisconnect, 'configuration')).toEqual({
      interface: 'content',
      contentTag: 'configuration',
      plug: endpoint('microk8s', 'configuration'),
      slot: endpoint('lab-config-provider', 'configuration'),
      notes: ['manual'],
    });

    const networkGone = parseConnections(fixture('41-snap-connections-microk8s.stdout'));
    expect(find(networkGone, 'network')).toEqual({
      interface: 'network',
      plug: endpoint('microk8s', 'network'),
      slot: null,
      notes: [],
    });

    const reconnected = parseConnections(fixture('45-snap-connections-microk8s.stdout'));
    expect(find(reconnected, 'network')?.notes).toEqual(['manual']);
    expect(find(reconnected, 'network-bind')?.slot).toBeNull();
    // the content slot microk8s:microk8s lost its plug and its tag
    expect(reconnected.find((c) => c.slot?.name === 'microk8s')).toEqual({
      interface: 'content',
      plug: null,
      slot: endpoint('microk8s', 'microk8s'),
      notes: [],
    });
  });

  it('gives a non-root user (55) the same view as root (45)', () => {
    expect(parseConnections(fixture('55-snap-connections-microk8s.stdout'))).toEqual(
      parseConnections(fixture('45-snap-connections-microk8s.stdout')),
    );
  });

  it('reads `snap connections lab-devmode` (07) and `lab-config-provider` (08)', () => {
    expect(parseConnections(fixture('07-snap-connections-lab-devmode.stdout'))).toEqual([
      { interface: 'content', plug: endpoint('lab-devmode', 'microk8s'), slot: null, notes: [] },
      { interface: 'network', plug: endpoint('lab-devmode', 'network'), slot: endpoint('system', 'network'), notes: [] },
      { interface: 'network-observe', plug: endpoint('lab-devmode', 'network-observe'), slot: null, notes: [] },
    ]);
    expect(parseConnections(fixture('08-snap-connections-lab-config-provider.stdout'))).toEqual([
      { interface: 'content', plug: null, slot: endpoint('lab-config-provider', 'configuration'), notes: [] },
      {
        interface: 'network',
        plug: endpoint('lab-config-provider', 'network'),
        slot: endpoint('system', 'network'),
        notes: [],
      },
    ]);
  });

  it('reads the system snap view (09, and core/09 with core as the system snap)', () => {
    for (const name of ['09-snap-connections-snapd.stdout', 'core/09-snap-connections-core.stdout']) {
      const connections = parseConnections(fixture(name));
      expect(connections).toHaveLength(144);
      expect(connections.every((c) => c.slot?.snap === 'system')).toBe(true);
      expect(connections.filter((c) => c.plug !== null)).toHaveLength(6);
      expect(connections.at(-1)).toEqual({
        interface: 'xilinx-dma',
        plug: null,
        slot: endpoint('system', 'xilinx-dma'),
        notes: [],
      });
    }
  });

  it('reads `snap connections --all` after manual connects (37): content tags and manual notes', () => {
    const connections = parseConnections(fixture('37-snap-connections-all.stdout'));
    expect(connections).toHaveLength(34);
    expect(connections.filter((c) => c.plug && c.slot)).toHaveLength(12);
    expect(connections.filter((c) => c.notes.includes('manual'))).toHaveLength(6);
    expect(connections[2]).toEqual({
      interface: 'content',
      contentTag: 'microk8s',
      plug: endpoint('lab-devmode', 'microk8s'),
      slot: endpoint('microk8s', 'microk8s'),
      notes: ['manual'],
    });
    expect(connections[3]).toEqual({
      interface: 'content',
      plug: endpoint('microk8s', 'ceph-conf'),
      slot: null,
      notes: [],
    });
    // a plug connected to a slot with a different name
    expect(connections.find((c) => c.plug?.name === 'docker-privileged')?.slot).toEqual(
      endpoint('system', 'docker-support'),
    );
  });

  it('reads the reference examples with gadget and manual notes (snapd cmd_connections_test.go)', () => {
    expect(parseConnections(fixture('reference/TestConnectionsSomeConnected.stdout'))).toEqual([
      {
        interface: 'leds',
        plug: endpoint('keyboard-lights', 'capslock'),
        slot: endpoint('leds-provider', 'capslock-led'),
        notes: ['gadget'],
      },
      {
        interface: 'leds',
        plug: endpoint('keyboard-lights', 'numlock'),
        slot: endpoint('system', 'numlock-led'),
        notes: ['manual'],
      },
      {
        interface: 'leds',
        plug: endpoint('keyboard-lights', 'scrollock'),
        slot: endpoint('system', 'scrollock-led'),
        notes: [],
      },
    ]);
    const disconnected = parseConnections(fixture('reference/TestConnectionsSomeDisconnected.stdout'));
    expect(disconnected.map((c) => [c.plug && formatEndpoint(c.plug), c.slot && formatEndpoint(c.slot)])).toEqual([
      [null, 'leds-provider:numlock-led'],
      ['keyboard-lights:capslock', 'leds-provider:capslock-led'],
      ['keyboard-lights:numlock', null],
      ['keyboard-lights:scrollock', ':scrollock-led'],
    ]);
  });

  it('splits the notes "manual,gadget"', () => {
    // Notes is the last column and tabwriter does not pad it, so changing that one cell of the
    // reference example gives exactly what snap prints for a manual connection declared by the gadget.
    const text = fixture('reference/TestConnectionsSomeConnected.stdout').replace(/gadget$/m, 'manual,gadget');
    expect(parseConnections(text)[0]?.notes).toEqual(['manual', 'gadget']);
  });

  it('round-trips every endpoint cell through formatEndpoint', () => {
    const text = fixture('37-snap-connections-all.stdout');
    const cells = tableCells(text).slice(1);
    const connections = parseConnections(text);
    expect(connections.map((c) => [c.plug ? formatEndpoint(c.plug) : '-', c.slot ? formatEndpoint(c.slot) : '-'])).toEqual(
      cells.map((row) => [row[1], row[2]]),
    );
  });

  describe('edge cases', () => {
    const real = fixture('04-snap-connections.stdout');
    const expected = parseConnections(real);

    it('gives [] for empty output (snap prints nothing at all when there is nothing to show)', () => {
      expect(parseConnections('')).toEqual([]);
      expect(parseConnections('\n')).toEqual([]);
      expect(parseConnections('  \r\n\n')).toEqual([]);
    });
    it('gives [] for a header without rows', () => {
      expect(parseConnections('Interface  Plug  Slot  Notes\n')).toEqual([]);
    });
    it('reads CRLF line ends and trailing spaces', () => {
      expect(parseConnections(withCrlf(real))).toEqual(expected);
      expect(parseConnections(withTrailingSpaces(real))).toEqual(expected);
      expect(parseConnections(real.trimEnd())).toEqual(expected);
    });
    it('skips garbage lines and a repeated header, keeps the good rows', () => {
      const lines = real.split('\n');
      const damaged = [
        lines[0],
        'this is not a row',
        lines[1],
        '!!!  @@@  ###  $$$',
        'network  microk8s network  :network  -',
        'Interface  Plug  Slot  Notes',
        'network  -  -  -',
        ...lines.slice(2),
      ].join('\n');
      expect(parseConnections(damaged)).toEqual(expected);
    });
    it('skips a row cut short and keeps the rows before it', () => {
      const cut = real.slice(0, real.indexOf(':opengl') + 4); // "...opengl  microk8s:opengl  :op"
      expect(parseConnections(cut)).toEqual(expected.slice(0, 5));
    });
    it('throws SnapParseError when the first line is not the header', () => {
      expect(() => parseConnections('error: snap "foo" not found\n')).toThrow(SnapParseError);
      // the deprecated `snap interfaces` has a different header
      expect(() => parseConnections('Slot  Plug\n:home  microk8s\n')).toThrow(/Interface  Plug  Slot  Notes/);
      // a translated header (LANG not C)
      expect(() => parseConnections('Schnittstelle  Plug  Slot  Notizen\n')).toThrow(SnapParseError);
      try {
        parseConnections('error: snap "foo" not found\n');
      } catch (error) {
        expect((error as SnapParseError).input).toBe('error: snap "foo" not found');
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('parseSnapList', () => {
  it('reads `snap list` (02): local installs, notes become confinement and kind', () => {
    const snaps = parseSnapList(fixture('02-snap-list.stdout'));
    expect(snaps.map((s) => s.name)).toEqual([
      'core20',
      'core22',
      'lab-classic',
      'lab-config-provider',
      'lab-denials',
      'lab-devmode',
      'microk8s',
      'snapd',
    ]);
    expect(snaps.find((s) => s.name === 'microk8s')).toEqual({
      name: 'microk8s',
      version: 'v1.28.3',
      revision: 'x1',
      tracking: null,
      publisher: null,
      verified: false,
      notes: [],
    });
    const byName = new Map(snaps.map((s) => [s.name, s]));
    const get = (name: string) => byName.get(name) as InstalledSnap;
    expect(confinementOf(get('lab-classic'))).toBe('classic');
    expect(confinementOf(get('lab-devmode'))).toBe('devmode');
    expect(confinementOf(get('microk8s'))).toBe('strict');
    expect(snapKindOf(get('core20'))).toBe('base');
    expect(snapKindOf(get('snapd'))).toBe('snapd');
    expect(snapKindOf(get('microk8s'))).toBe('app');
    expect(snaps.every((s) => healthOf(s).state === 'ok')).toBe(true);
  });

  it('gives the same result for `snap list --all` (03) and for a non-root user (56)', () => {
    const asRoot = parseSnapList(fixture('02-snap-list.stdout'));
    expect(parseSnapList(fixture('03-snap-list-all.stdout'))).toEqual(asRoot);
    expect(parseSnapList(fixture('56-snap-list.stdout'))).toEqual(asRoot);
  });

  it('reads core (type os) as kind "core" (core/02)', () => {
    const snaps = parseSnapList(fixture('core/02-snap-list.stdout'));
    expect(snaps).toHaveLength(8);
    const core = snaps[0] as InstalledSnap;
    expect(core).toMatchObject({ name: 'core', version: '16-2.57.6', notes: ['core'] });
    expect(snapKindOf(core)).toBe('core');
    expect(snaps.some((s) => s.name === 'snapd')).toBe(false);
  });

  describe('values the reference quotes as single cells (composed table, see SOURCES.md)', () => {
    // Cells from snap-reference.md §0.1 (`canonical**`, the `✓`/`✪` and `*` badges) and §1.3
    // (`latest/stable`, `1.10/stable/…`, notes from cmd_list_test.go and real output), laid out
    // by tabwriterTable exactly as snap would print them.
    const composed = tabwriterTable([
      ['Name', 'Version', 'Rev', 'Tracking', 'Publisher', 'Notes'],
      ['core22', '20240111', '1122', 'latest/stable', 'canonical**', 'base'],
      ['foo', '4.2', '17', '1.10/stable/…', 'bar', '-'],
      ['hello', '2.10', '38', 'latest/stable', 'canonical*', 'blocked'],
      ['lxd', '5.21.1', '28460', '5.21/stable', 'canonical✓', 'disabled,broken'],
      ['cf1', '6', '2', '-', '-', 'jailmode'],
      ['dm1', '5', '1', '-', 'starry✪', 'components[1/2],devmode'],
      ['pc', '22-0.3', '146', '22/stable', 'canonical**', 'gadget'],
      ['pc-kernel', '5.15.0', '1606', '22/stable', 'canonical**', 'kernel'],
      ['snapd', '2.63', '21759', 'latest/stable', 'canonical**', 'snapd,disabled'],
    ]);
    const snaps = parseSnapList(composed);
    const get = (name: string) => snaps.find((s) => s.name === name) as InstalledSnap;

    it('reads all rows', () => {
      expect(snaps).toHaveLength(9);
    });
    it('strips the publisher badge: `**`/`✓` verified, `*`/`✪` starred (not verified)', () => {
      expect(get('core22')).toMatchObject({ publisher: 'canonical', verified: true, tracking: 'latest/stable' });
      expect(get('lxd')).toMatchObject({ publisher: 'canonical', verified: true });
      expect(get('hello')).toMatchObject({ publisher: 'canonical', verified: false });
      expect(get('dm1')).toMatchObject({ publisher: 'starry', verified: false });
      expect(get('foo')).toMatchObject({ publisher: 'bar', verified: false });
      expect(get('cf1')).toMatchObject({ publisher: null, verified: false, tracking: null });
    });
    it('keeps a shortened three-part channel as printed', () => {
      expect(get('foo').tracking).toBe('1.10/stable/…');
    });
    it('derives health from the notes, most severe first', () => {
      expect(healthOf(get('hello'))).toEqual({ state: 'blocked', notes: ['blocked'] });
      expect(healthOf(get('lxd'))).toEqual({ state: 'broken', notes: ['disabled', 'broken'] });
      expect(healthOf(get('snapd'))).toEqual({ state: 'disabled', notes: ['disabled'] });
      expect(healthOf(get('core22'))).toEqual({ state: 'ok', notes: [] });
    });
    it('derives confinement and kind from the notes', () => {
      expect(confinementOf(get('cf1'))).toBe('jailmode');
      expect(get('dm1').notes).toEqual(['components[1/2]', 'devmode']);
      expect(confinementOf(get('dm1'))).toBe('devmode');
      expect(confinementOf(get('lxd'))).toBe('strict');
      expect(snapKindOf(get('pc'))).toBe('gadget');
      expect(snapKindOf(get('pc-kernel'))).toBe('kernel');
      expect(snapKindOf(get('snapd'))).toBe('snapd');
    });
  });

  describe('edge cases', () => {
    const real = fixture('02-snap-list.stdout');
    const expected = parseSnapList(real);

    it('gives [] for empty output and for a header alone', () => {
      expect(parseSnapList('')).toEqual([]);
      expect(parseSnapList('Name  Version  Rev  Tracking  Publisher  Notes\n')).toEqual([]);
    });
    it('reads CRLF and trailing spaces', () => {
      expect(parseSnapList(withCrlf(real))).toEqual(expected);
      expect(parseSnapList(withTrailingSpaces(real))).toEqual(expected);
    });
    it('skips garbage and a truncated last row', () => {
      const lines = real.trimEnd().split('\n');
      const text = [...lines.slice(0, 3), 'garbage garbage', '   ', ...lines.slice(3, -1), 'snapd                2.57.6    x1'].join(
        '\n',
      );
      expect(parseSnapList(text)).toEqual(expected.slice(0, -1));
    });
    it('throws SnapParseError on the stderr message or another command’s output', () => {
      expect(() => parseSnapList("No snaps are installed yet. Try 'snap install hello-world'.\n")).toThrow(
        SnapParseError,
      );
      expect(() => parseSnapList(fixture('04-snap-connections.stdout'))).toThrow(/Name  Version  Rev/);
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('parseInterfaceList', () => {
  it('reads `snap interface` (10)', () => {
    expect(parseInterfaceList(fixture('10-snap-interface.stdout'))).toEqual([
      { name: 'home', summary: 'allows access to non-hidden files in the home directory' },
      { name: 'network', summary: 'allows access to the network' },
      { name: 'network-bind', summary: 'allows operating as a network service' },
      { name: 'opengl', summary: 'allows access to OpenGL stack' },
    ]);
  });
  it('reads `snap interface --all` (11), summaries with single spaces kept whole', () => {
    const interfaces = parseInterfaceList(fixture('11-snap-interface-all.stdout'));
    expect(interfaces).toHaveLength(177);
    expect(interfaces.find((i) => i.name === 'content')?.summary).toBe('allows sharing code and data with other snaps');
    expect(interfaces.find((i) => i.name === 'avahi-control')?.summary).toBe(
      'allows control over service discovery on a local network via the mDNS/DNS-SD protocol suite',
    );
  });
  it('reads the reference example', () => {
    expect(parseInterfaceList(fixture('reference/snap-interface-example.stdout'))).toEqual([
      { name: 'network', summary: 'allows access to the network' },
      { name: 'network-bind', summary: 'allows providing services on the network' },
    ]);
  });
  it('handles empty, header-only, CRLF and a wrong header', () => {
    expect(parseInterfaceList('')).toEqual([]);
    expect(parseInterfaceList('Name  Summary\r\n')).toEqual([]);
    const real = fixture('10-snap-interface.stdout');
    expect(parseInterfaceList(withCrlf(real))).toEqual(parseInterfaceList(real));
    expect(() => parseInterfaceList('error: no interfaces currently connected\n')).toThrow(SnapParseError);
  });
});

describe('parseInterfaceDetail', () => {
  const networkObserve = {
    name: 'network-observe',
    summary: 'allows querying network status',
    plugs: [endpoint('lab-devmode', 'network-observe'), endpoint('microk8s', 'network-observe')],
    slots: [endpoint('snapd', 'network-observe')],
  };

  it('reads `snap interface network-observe` (12): bare snap names mean "named like the interface"', () => {
    expect(parseInterfaceDetail(fixture('12-snap-interface-network-observe.stdout'))).toEqual(networkObserve);
    // captured again after a connect: the output does not say what is connected
    expect(parseInterfaceDetail(fixture('30-snap-interface-network-observe.stdout'))).toEqual(networkObserve);
  });
  it('reads the --attrs form (13); network-observe has no attributes, so it prints the same', () => {
    expect(parseInterfaceDetail(fixture('13-snap-interface-attrs-network-observe.stdout'))).toEqual(networkObserve);
  });
  it('keeps the system snap under its real name here (core/12)', () => {
    expect(parseInterfaceDetail(fixture('core/12-snap-interface-network-observe.stdout')).slots).toEqual([
      endpoint('core', 'network-observe'),
    ]);
  });
  it('reads `snap interface content` (14): snap:name items', () => {
    expect(parseInterfaceDetail(fixture('14-snap-interface-content.stdout'))).toEqual({
      name: 'content',
      summary: 'allows sharing code and data with other snaps',
      plugs: [endpoint('lab-devmode', 'microk8s'), endpoint('microk8s', 'ceph-conf'), endpoint('microk8s', 'configuration')],
      slots: [endpoint('lab-config-provider', 'configuration'), endpoint('microk8s', 'microk8s')],
    });
  });
  it('reads `snap interface kubernetes-support` (15): both item forms mixed', () => {
    for (const [name, systemSnap] of [
      ['15-snap-interface-kubernetes-support.stdout', 'snapd'],
      ['core/15-snap-interface-kubernetes-support.stdout', 'core'],
    ] as const) {
      const detail = parseInterfaceDetail(fixture(name));
      expect(detail.plugs).toEqual([
        endpoint('microk8s', 'k8s-journald'),
        endpoint('microk8s', 'k8s-kubelet'),
        endpoint('microk8s', 'k8s-kubeproxy'),
        endpoint('microk8s', 'kubernetes-support'),
      ]);
      expect(detail.slots).toEqual([endpoint(systemSnap, 'kubernetes-support')]);
    }
  });
  it('reads the reference example with a documentation line; "system" stays the system snap', () => {
    expect(parseInterfaceDetail(fixture('reference/snap-interface-network-example.stdout'))).toEqual({
      name: 'network',
      summary: 'allows access to the network',
      documentation: 'http://example.org/about-the-network-interface',
      plugs: [endpoint('deepin-music', 'network'), endpoint('http', 'network')],
      slots: [endpoint('system', 'network')],
    });
  });
  it('drops labels and ignores --attrs attribute lines', () => {
    // No transcript has attributes or labels (the lab's snaps have none on network-observe), so
    // this follows cmd_interface.go `showOneInterface`: "  - snap:plug (label)", and with
    // --attrs a trailing ":" and `key:<tab>value` lines indented six spaces (reference §1.2).
    const lines = fixture('14-snap-interface-content.stdout').split('\n');
    const withAttrs = [
      ...lines.slice(0, 4),
      '  - microk8s:ceph-conf (Ceph configuration):',
      '      content:     ceph-conf',
      '      target:      $SNAP_DATA/ceph',
      '  - microk8s:configuration:',
      '      content: configuration',
      ...lines.slice(6),
    ].join('\n');
    expect(parseInterfaceDetail(withAttrs)).toEqual(parseInterfaceDetail(lines.join('\n')));
  });
  it('reads CRLF and trailing spaces', () => {
    const real = fixture('15-snap-interface-kubernetes-support.stdout');
    expect(parseInterfaceDetail(withCrlf(withTrailingSpaces(real)))).toEqual(parseInterfaceDetail(real));
  });
  it('throws SnapParseError for empty output and for text that is not a detail block', () => {
    expect(() => parseInterfaceDetail('')).toThrow(SnapParseError);
    expect(() => parseInterfaceDetail('error: no such interface\n')).toThrow(/name: <interface>/);
    expect(() => parseInterfaceDetail(fixture('10-snap-interface.stdout'))).toThrow(SnapParseError);
  });
  it('skips garbage items and a summary-less block still parses', () => {
    const text = 'name:    x11\nplugs:\n  - ok-snap\n  - !!bad!!\n  - \nslots:\n  - :x11\n';
    expect(parseInterfaceDetail(text)).toEqual({
      name: 'x11',
      summary: '',
      plugs: [endpoint('ok-snap', 'x11')],
      slots: [endpoint('system', 'x11')],
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('parseSnapVersion', () => {
  it('reads `snap version` (01): the OS line is keyed by the distribution id', () => {
    expect(parseSnapVersion(fixture('01-snap-version.stdout'))).toEqual({
      snap: '2.57.6-1+deb12u1+b2',
      snapd: '2.57.6-1+deb12u1+b2',
      series: '16',
      os: 'debian',
      osVersion: '12',
      kernel: '6.18.44-fc-v769',
      architecture: null, // snap 2.57 prints no architecture line
      raw: {
        snap: '2.57.6-1+deb12u1+b2',
        snapd: '2.57.6-1+deb12u1+b2',
        series: '16',
        debian: '12',
        kernel: '6.18.44-fc-v769',
      },
    });
  });
  it('handles CRLF, empty output and a wrong first line', () => {
    const real = fixture('01-snap-version.stdout');
    expect(parseSnapVersion(withCrlf(real))).toEqual(parseSnapVersion(real));
    expect(parseSnapVersion('')).toMatchObject({ snap: null, snapd: null, os: null, raw: {} });
    expect(() => parseSnapVersion('error: cannot communicate with server\n')).toThrow(SnapParseError);
  });
});

describe('parseConfinement', () => {
  it('reads `snap debug confinement` (17) and the reference value', () => {
    expect(parseConfinement(fixture('17-snap-debug-confinement.stdout'))).toBe('partial');
    expect(parseConfinement('strict\n')).toBe('strict'); // snapd's unit test expects "strict\n"
    expect(parseConfinement('strict\r\n')).toBe('strict');
  });
  it('gives null for empty or unknown output', () => {
    expect(parseConfinement('')).toBeNull();
    expect(parseConfinement('error: cannot communicate with server\n')).toBeNull();
    expect(parseConfinement('strict\npartial\n')).toBeNull();
  });
});

describe('parseSandboxFeatures', () => {
  it('reads `snap debug sandbox-features` (18): no apparmor, no strict', () => {
    const features = parseSandboxFeatures(fixture('18-snap-debug-sandbox-features.stdout'));
    expect(Object.keys(features)).toEqual(['confinement-options', 'dbus', 'kmod', 'mount', 'seccomp', 'udev']);
    expect(features['confinement-options']).toEqual(['classic', 'devmode']);
    expect(features.seccomp).toHaveLength(10);
    expect(features.seccomp).toContain('kernel:allow');
    expect(features.mount).toContain('layouts');
    expect(features.apparmor).toBeUndefined();
  });
  it('reads the reference example (snapd cmd_debug_sandbox_features_test.go)', () => {
    expect(parseSandboxFeatures(fixture('reference/TestSandboxFeatures.stdout'))).toEqual({
      apparmor: ['a', 'b', 'c'],
      selinux: ['1', '2', '3'],
    });
  });
  it('handles empty output, CRLF, garbage lines and a wrong first line', () => {
    expect(parseSandboxFeatures('')).toEqual({});
    const real = fixture('18-snap-debug-sandbox-features.stdout');
    expect(parseSandboxFeatures(withCrlf(real))).toEqual(parseSandboxFeatures(real));
    expect(parseSandboxFeatures(`${real}not a feature line\n`)).toEqual(parseSandboxFeatures(real));
    expect(() => parseSandboxFeatures('error: cannot communicate with server\n')).toThrow(SnapParseError);
  });
});

// ---------------------------------------------------------------------------------------------

describe('parseChanges', () => {
  it('reads `snap changes` (57): relative times with single spaces, trailing blank line', () => {
    const changes = parseChanges(fixture('57-snap-changes.stdout'));
    expect(changes).toHaveLength(21);
    expect(changes[0]).toEqual({
      id: '1',
      status: 'Done',
      spawn: 'today at 10:52 UTC',
      ready: 'today at 10:52 UTC',
      summary: 'Initialize system state',
    });
    expect(changes.find((c) => c.id === '17')?.summary).toBe('Disconnect : from microk8s:network-observe');
    expect(changes.find((c) => c.id === '16')?.summary).toBe(
      'Connect microk8s:firewall-control to snapd:firewall-control',
    );
  });
  it('reads `snap changes --abs-time` (58)', () => {
    const changes = parseChanges(fixture('58-snap-changes-abs-time.stdout'));
    expect(changes).toHaveLength(21);
    expect(changes[1]).toEqual({
      id: '2',
      status: 'Done',
      spawn: '2026-11-22T10:52:38Z',
      ready: '2026-11-22T10:52:39Z',
      summary: 'Install "snapd" snap from file "/tmp/snapd-lab/fixtures/snapd.snap"',
    });
  });
  it('reads `snap changes microk8s` (59) and the core lab (core/57)', () => {
    const microk8s = parseChanges(fixture('59-snap-changes-microk8s.stdout'));
    expect(microk8s.map((c) => c.id)).toEqual(['5', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21']);
    const core = parseChanges(fixture('core/57-snap-changes.stdout'));
    expect(core.find((c) => c.id === '10')).toMatchObject({
      spawn: 'today at 10:53 UTC',
      summary: 'Connect microk8s:network-observe to core:network-observe',
    });
  });
  it('gives null for a Ready of "-" (composed: a change still in progress)', () => {
    const cells = tableCells(fixture('57-snap-changes.stdout'));
    const last = cells[cells.length - 1] as string[];
    cells[cells.length - 1] = [last[0] ?? '', 'Doing', last[2] ?? '', '-', last[4] ?? ''];
    const changes = parseChanges(tabwriterTable(cells));
    expect(changes.at(-1)).toEqual({
      id: '21',
      status: 'Doing',
      spawn: 'today at 10:52 UTC',
      ready: null,
      summary: 'Disconnect : from microk8s:network-bind',
    });
  });
  it('handles empty output, header only, CRLF, garbage and truncated rows', () => {
    expect(parseChanges('')).toEqual([]);
    expect(parseChanges('ID   Status  Spawn  Ready  Summary\n\n')).toEqual([]);
    const real = fixture('59-snap-changes-microk8s.stdout');
    const expected = parseChanges(real);
    expect(parseChanges(withCrlf(real))).toEqual(expected);
    expect(parseChanges(withTrailingSpaces(real))).toEqual(expected);
    const lines = real.trimEnd().split('\n');
    const damaged = [lines[0], 'xx   Done    a  b  c', '#### garbage', ...lines.slice(1)].join('\n');
    expect(parseChanges(damaged)).toEqual(expected);
    // cut inside the Ready column: that row is dropped
    const cut = real.slice(0, real.lastIndexOf('today at 10:52 UTC  Disconnect') + 'today at'.length);
    expect(parseChanges(cut)).toEqual(expected.slice(0, -1));
    expect(() => parseChanges('no changes found\n')).toThrow(SnapParseError);
  });
});

describe('formatEndpoint', () => {
  it('prints the system snap as ":name" and others as "snap:name"', () => {
    expect(formatEndpoint({ snap: 'system', name: 'network' })).toBe(':network');
    expect(formatEndpoint({ snap: 'microk8s', name: 'network' })).toBe('microk8s:network');
  });
});

// ---------------------------------------------------------------------------------------------

describe('every parser on every fixture, whole and cut', () => {
  // Feeding each parser every other command's output, and every output cut at many points, must
  // either give a result or throw SnapParseError, never anything else.
  const names = [
    ...readdirSync(FIXTURE_DIR).filter((name) => name.endsWith('.stdout')),
    ...readdirSync(`${FIXTURE_DIR}core`).map((name) => `core/${name}`),
    ...readdirSync(`${FIXTURE_DIR}reference`).map((name) => `reference/${name}`),
  ];
  const parsers: Array<(text: string) => unknown> = [
    parseConnections,
    parseSnapList,
    parseInterfaceList,
    parseInterfaceDetail,
    parseSnapVersion,
    parseConfinement,
    parseSandboxFeatures,
    parseChanges,
  ];

  it('throws nothing but SnapParseError', () => {
    let calls = 0;
    for (const name of names) {
      const text = fixture(name);
      const step = Math.max(1, Math.floor(text.length / 40));
      for (let end = 0; end <= text.length; end += step) {
        for (const parse of parsers) {
          calls++;
          try {
            parse(text.slice(0, end));
          } catch (error) {
            expect(error).toBeInstanceOf(SnapParseError);
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(1000);
  });

  it('throws SnapParseError (not TypeError) for a non-string', () => {
    for (const parse of parsers) {
      expect(() => parse(undefined as unknown as string)).toThrow(SnapParseError);
    }
  });
});
