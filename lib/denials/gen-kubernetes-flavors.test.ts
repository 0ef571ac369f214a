import { describe, expect, it } from 'vitest';
import { composition, flavorNames, partRules, profileParts, seccompRules } from '../../scripts/gen-kubernetes-flavors.mjs';
import flavors from './kubernetes-flavors.json';
import policy from './policy.json';
import unixPolicy from './unix-policy.json';
import mountPolicy from './mount-policy.json';

// The methods of canonical/snapd 2.76.3 interfaces/builtin/kubernetes_support.go that say which snippets a flavor
// gets, as they are there (comments shortened), so the generator's reading of them is pinned down.
const GO = `
func (iface *kubernetesSupportInterface) AppArmorConnectedPlug(spec *apparmor.Specification, plug *interfaces.ConnectedPlug, slot *interfaces.ConnectedSlot) error {
	snippet := kubernetesSupportConnectedPlugAppArmorCommon
	systemd_run_extra := ""

	// All flavors should include the autobind-unix rules, but we break it
	// out so other k8s daemons can use this flavor without getting the
	// privileged rules.
	switch k8sFlavor(plug) {
	case "kubelet":
		systemd_run_extra = kubernetesSupportConnectedPlugAppArmorKubeletSystemdRun
		snippet += kubernetesSupportConnectedPlugAppArmorKubelet
		snippet += kubernetesSupportConnectedPlugAppArmorAutobindUnix
		spec.SetUsesPtraceTrace()
	case "kubeproxy":
		snippet += kubernetesSupportConnectedPlugAppArmorKubeproxy
		snippet += kubernetesSupportConnectedPlugAppArmorAutobindUnix
	case "autobind-unix":
		snippet = kubernetesSupportConnectedPlugAppArmorAutobindUnix
	default:
		systemd_run_extra = kubernetesSupportConnectedPlugAppArmorKubeletSystemdRun
		snippet += kubernetesSupportConnectedPlugAppArmorKubelet
		snippet += kubernetesSupportConnectedPlugAppArmorKubeproxy
		snippet += kubernetesSupportConnectedPlugAppArmorAutobindUnix
		spec.SetUsesPtraceTrace()
	}

	old := "###KUBERNETES_SUPPORT_SYSTEMD_RUN###"
	spec.AddSnippet(strings.Replace(snippet, old, systemd_run_extra, -1))
	return nil
}

func (iface *kubernetesSupportInterface) SecCompConnectedPlug(spec *seccomp.Specification, plug *interfaces.ConnectedPlug, slot *interfaces.ConnectedSlot) error {
	snippet := kubernetesSupportConnectedPlugSeccompAutobindUnix
	flavor := k8sFlavor(plug)
	if flavor == "kubelet" || flavor == "" {
		snippet += kubernetesSupportConnectedPlugSeccompKubelet
	}
	spec.AddSnippet(snippet)
	return nil
}

func (iface *kubernetesSupportInterface) BeforePreparePlug(plug *snap.PlugInfo) error {
	if t, ok := plug.Attrs["flavor"]; ok && t != "kubelet" && t != "kubeproxy" && t != "autobind-unix" {
		return fmt.Errorf(\`kubernetes-support plug requires "flavor" to be either "kubelet", "kubeproxy" or "autobind-unix"\`)
	}

	return nil
}
`;

const A = 'kubernetesSupportConnectedPlugAppArmor';
const S = 'kubernetesSupportConnectedPlugSeccomp';

describe('reading which snippets each flavor gets (kubernetes_support.go)', () => {
  it('the flavors are the ones BeforePreparePlug accepts, after "" (no flavor)', () => {
    expect(flavorNames(GO)).toEqual(['', 'kubelet', 'kubeproxy', 'autobind-unix']);
  });

  it('AppArmor: the switch on k8sFlavor; autobind-unix replaces the common snippet; default is the plug without a flavor', () => {
    expect(composition(GO, 'AppArmorConnectedPlug', flavorNames(GO))).toEqual({
      '': { snippets: [`${A}Common`, `${A}Kubelet`, `${A}Kubeproxy`, `${A}AutobindUnix`], systemdRun: `${A}KubeletSystemdRun` },
      kubelet: { snippets: [`${A}Common`, `${A}Kubelet`, `${A}AutobindUnix`], systemdRun: `${A}KubeletSystemdRun` },
      kubeproxy: { snippets: [`${A}Common`, `${A}Kubeproxy`, `${A}AutobindUnix`], systemdRun: null },
      'autobind-unix': { snippets: [`${A}AutobindUnix`], systemdRun: null },
    });
  });

  it('seccomp: `if flavor == "kubelet" || flavor == ""` adds the kubelet syscalls to those two only', () => {
    const s = composition(GO, 'SecCompConnectedPlug', flavorNames(GO));
    expect(s['']!.snippets).toEqual([`${S}AutobindUnix`, `${S}Kubelet`]);
    expect(s.kubelet!.snippets).toEqual([`${S}AutobindUnix`, `${S}Kubelet`]);
    expect(s.kubeproxy!.snippets).toEqual([`${S}AutobindUnix`]);
    expect(s['autobind-unix']!.snippets).toEqual([`${S}AutobindUnix`]);
  });

  it('a statement it cannot read, a flavor snapd does not accept, a missing marker: an error, not a guess', () => {
    const flavors = flavorNames(GO);
    expect(() => composition(GO.replace('snippet += kubernetesSupportConnectedPlugAppArmorKubeproxy', 'snippet = fmt.Sprintf("%s", snippet)'), 'AppArmorConnectedPlug', flavors)).toThrow(/unread statement/);
    expect(() => composition(GO.replace('case "kubeproxy":', 'case "kube-scheduler":'), 'AppArmorConnectedPlug', flavors)).toThrow(/kube-scheduler/);
    expect(() => composition(GO.replace('flavor == ""', 'len(flavor) == 0'), 'SecCompConnectedPlug', flavors)).toThrow(/unread condition/);
    expect(() => composition(GO.replace('old := "###KUBERNETES_SUPPORT_SYSTEMD_RUN###"', 'old := "###X###"'), 'AppArmorConnectedPlug', flavors)).toThrow(/no longer replaces/);
    expect(() => composition(GO, 'UDevConnectedPlug', flavors)).toThrow(/no method/);
  });
});

describe('reading the rules of a snippet', () => {
  it('a child profile is told apart, with the place of the systemd_run marker', () => {
    const { parts, markerProfile } = profileParts('\n/run/systemd/private r,\nprofile systemd_run (attach_disconnected,mediate_deleted) {\n  /run/systemd/private rw,\n###KUBERNETES_SUPPORT_SYSTEMD_RUN###\n}\n/x r,\n');
    expect(markerProfile).toBe('systemd_run');
    expect(parts.map((p) => [p.profile, partRules(p.text).files.map((f) => `${f.pattern} ${f.perms}`)])).toEqual([
      [null, ['/run/systemd/private r']],
      ['systemd_run', ['/run/systemd/private rw']],
      [null, ['/x r']],
    ]);
  });

  it('file rules with owner and exec transitions; deny and ptrace rules left out and listed; an unknown line throws', () => {
    const r = partRules('owner @{PROC}/@{pid}/stat r,\n/{,usr/}bin/systemd-run Cxr -> systemd_run,\ndeny /run/mount/utab{,.lock} rw,\nptrace (trace),\ncapability sys_admin,\nnetwork alg seqpacket,\n');
    expect(r.files).toEqual([
      { pattern: '@{PROC}/@{pid}/stat', perms: 'r', owner: true },
      { pattern: '/{,usr/}bin/systemd-run', perms: 'Cxr', owner: false },
    ]);
    expect(r.capabilities).toEqual(['sys_admin']);
    expect(r.network).toEqual([{ family: 'alg', type: 'seqpacket' }]);
    expect(r.leftOut).toEqual(['deny /run/mount/utab{,.lock} rw,', 'ptrace (trace),']);
    expect(() => partRules('rlimit nofile <= 1024,\n')).toThrow(/unread rule/);
  });

  it('seccomp lines: the syscall name, argument filters kept apart', () => {
    expect(seccompRules('# comment\nmount\nsetns - CLONE_NEWNET\n')).toEqual([{ syscall: 'mount' }, { syscall: 'setns', args: '- CLONE_NEWNET' }]);
  });
});

describe('kubernetes-flavors.json (generated from snapd 2.76.3)', () => {
  const fileFlavors = (pattern: string, perms: string) => flavors.files.filter((r) => r.pattern === pattern && r.perms === perms).map((r) => [r.profile ?? null, r.flavors]);

  it('is from 2.76.3, the snapd of policy.json', () => {
    expect(flavors.source.describe).toBe('2.76.3');
    expect(flavors.flavors).toEqual(['', 'kubelet', 'kubeproxy', 'autobind-unix']);
  });

  it('known rules land in the flavors whose snippets hold them', () => {
    // kubernetesSupportConnectedPlugAppArmorKubelet: "/run/flannel/{,**} rw,"
    expect(fileFlavors('/run/flannel/{,**}', 'rw')).toEqual([[null, ['', 'kubelet']]]);
    // kubernetesSupportConnectedPlugAppArmorKubeproxy: "/sys/module/ip_vs/initstate r,"
    expect(fileFlavors('/sys/module/ip_vs/initstate', 'r')).toEqual([[null, ['', 'kubeproxy']]]);
    // kubernetesSupportConnectedPlugAppArmorCommon: "/sys/fs/cgroup/{,**} r," — not autobind-unix, whose snippet replaces the common one
    expect(fileFlavors('/sys/fs/cgroup/{,**}', 'r')).toEqual([[null, ['', 'kubelet', 'kubeproxy']]]);
    // Common, inside "profile systemd_run (attach_disconnected,mediate_deleted) {": "/run/systemd/private rw,"; outside it: "/run/systemd/private r,"
    expect(fileFlavors('/run/systemd/private', 'rw')).toEqual([['systemd_run', ['', 'kubelet', 'kubeproxy']]]);
    expect(fileFlavors('/run/systemd/private', 'r')).toEqual([[null, ['', 'kubelet', 'kubeproxy']]]);
    // Common's systemd_run profile: "capability net_admin,"; Kubelet: "capability sys_admin,", and KubeletSystemdRun's "capability sys_admin," in the child
    expect(flavors.capabilities.filter((c) => c.capability === 'net_admin').map((c) => [c.profile ?? null, c.flavors])).toEqual([['systemd_run', ['', 'kubelet', 'kubeproxy']]]);
    expect(flavors.capabilities.filter((c) => c.capability === 'sys_admin').map((c) => [c.profile ?? null, c.flavors])).toEqual([
      ['systemd_run', ['', 'kubelet']],
      [null, ['', 'kubelet']],
    ]);
    // AutobindUnix: "unix (bind) type=dgram," — every flavor
    expect(flavors.unix.map((u) => [u.perms, u.type, u.flavors])).toEqual([[['bind'], 'dgram', ['', 'kubelet', 'kubeproxy', 'autobind-unix']]]);
    // KubeletSystemdRun: 'mount fstype="tmpfs" tmpfs -> /var/snap/@{SNAP_INSTANCE_NAME}/common/**,' — in the child profile, no flavor or kubelet
    const tmpfs = flavors.mount.find((m) => 'fstype' in m && m.fstype?.includes('tmpfs'));
    expect(tmpfs).toMatchObject({ kind: 'mount', source: 'tmpfs', profile: 'systemd_run', flavors: ['', 'kubelet'] });
    // SeccompKubelet: "mount", SeccompAutobindUnix: "bind"
    expect(flavors.syscalls.find((s) => s.syscall === 'mount')?.flavors).toEqual(['', 'kubelet']);
    expect(flavors.syscalls.find((s) => s.syscall === 'bind')?.flavors).toEqual(['', 'kubelet', 'kubeproxy', 'autobind-unix']);
  });

  it('a plug without a flavor gets every rule the policy tables list under kubernetes-support, and no other', () => {
    const k8s = (r: { candidates: string[]; alsoGrantedBy: string[] }) => r.candidates.includes('kubernetes-support') || r.alsoGrantedBy.includes('kubernetes-support');
    const all = <T extends { flavors: string[] }>(rules: T[]) => rules.filter((r) => r.flavors.includes(''));
    const sorted = (xs: string[]) => [...new Set(xs)].sort();
    expect(sorted(all(flavors.files).map((r) => `${r.owner ? 'owner ' : ''}${r.pattern} ${r.perms}`))).toEqual(sorted(policy.files.filter(k8s).map((r) => `${r.owner ? 'owner ' : ''}${r.pattern} ${r.perms}`)));
    expect(sorted(all(flavors.capabilities).map((r) => r.capability))).toEqual(sorted(policy.capabilities.filter(k8s).map((r) => r.capability)));
    expect(sorted(all(flavors.network).map((r) => `network ${r.family} ${r.type},`))).toEqual(sorted(policy.network.filter(k8s).map((r) => r.rule)));
    expect(sorted(all(flavors.syscalls).map((r) => r.syscall))).toEqual(sorted(policy.syscalls.filter(k8s).map((r) => r.syscall)));
    // the rule's own fields (and its snippet), in one key order
    const strip = (r: object) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !['flavors', 'profile', 'snapdInterface', 'also'].includes(k)).sort()));
    expect(sorted(all(flavors.unix).map(strip))).toEqual(sorted(unixPolicy.rules.filter((r) => r.snapdInterface === 'kubernetes-support').map(strip)));
    expect(sorted(all(flavors.mount).map(strip))).toEqual(sorted(mountPolicy.rules.filter((r) => r.snapdInterface === 'kubernetes-support').map(strip)));
  });
});
