import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CATALOG_RELEASES,
  catalogFor,
  catalogRelease,
  compareReleases,
  parseAddonsYaml,
  releaseOf,
  worksUnderStrict,
  type CatalogAddon,
} from './catalog';
import { parseMicrok8sStatus } from './parse';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADDONS = path.join(ROOT, 'test/fixtures/microk8s/addons');
const REPOSITORIES = ['core', 'community'] as const;
/** addons.yaml at the tip of branch `release` (test/fixtures/microk8s/addons/SOURCES.md). */
const yamlFixture = (release: string, repository: 'core' | 'community') =>
  readFileSync(path.join(ADDONS, release, `${repository}-addons.yaml`), 'utf8');
const byName = (a: CatalogAddon, b: CatalogAddon) => a.name.localeCompare(b.name);

const classicOnly = (addons: CatalogAddon[], repository: 'core' | 'community') =>
  addons.filter((a) => a.repository === repository && a.confinement === 'classic').map((a) => a.name).sort();

describe('catalog data', () => {
  it('covers 1.28 to 1.35', () => {
    expect(CATALOG_RELEASES).toEqual(['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35']);
  });

  it('agrees, release by release, with parseAddonsYaml reading the branch-tip files', () => {
    // two readers of the same files (the build script's and the host's) must not drift apart
    for (const release of CATALOG_RELEASES) {
      for (const repository of REPOSITORIES) {
        const fromFile = parseAddonsYaml(yamlFixture(release, repository), repository).sort(byName);
        expect(catalogFor(release).filter((a) => a.repository === repository), `${release} ${repository}`).toEqual(fromFile);
      }
    }
  });

  // The `confinement: classic` entries at each branch tip (git show 1.N:addons.yaml in both
  // repositories): ondat exists only up to 1.28; cloudnative-pg and ngrok arrive in 1.29, classic-only.
  const CORE_CLASSIC: Record<string, string[]> = {
    '1.28': ['gpu', 'kube-ovn'],
    ...Object.fromEntries(['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35'].map((r) => [r, ['gpu', 'kube-ovn', 'nvidia']])),
  };
  const ALWAYS = ['cilium', 'kata', 'kubearmor', 'kwasm', 'multus', 'nfs'];
  const COMMUNITY_CLASSIC: Record<string, string[]> = {
    '1.28': [...ALWAYS, 'ondat'],
    ...Object.fromEntries(['1.29', '1.30', '1.31', '1.32', '1.33'].map((r) => [r, [...ALWAYS, 'cloudnative-pg', 'ngrok']])),
    '1.34': [...ALWAYS, 'amd', 'cloudnative-pg', 'ngrok'],
    '1.35': [...ALWAYS, 'amd', 'cloudnative-pg', 'ngrok'],
  };

  for (const release of ['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35']) {
    it(`${release}: classic-only sets are those of the branch tips`, () => {
      const addons = catalogFor(release);
      expect(classicOnly(addons, 'core')).toEqual(CORE_CLASSIC[release]!.slice().sort());
      expect(classicOnly(addons, 'community')).toEqual(COMMUNITY_CLASSIC[release]!.slice().sort());
    });
  }

  it("has each release branch's own addon list, none carried over from another release", () => {
    const core128 = ['dns', 'rbac', 'dashboard', 'ingress', 'hostpath-storage', 'storage', 'registry', 'metrics-server',
      'gpu', 'helm', 'helm3', 'metallb', 'host-access', 'ha-cluster', 'mayastor', 'prometheus', 'observability',
      'community', 'cert-manager', 'kube-ovn', 'minio', 'cis-hardening', 'rook-ceph'];
    const community128 = ['microcks', 'dashboard-ingress', 'istio', 'knative', 'fluentd', 'jaeger', 'linkerd', 'cilium',
      'multus', 'nfs', 'portainer', 'traefik', 'keda', 'openfaas', 'openebs', 'kata', 'inaccel', 'trivy', 'argocd',
      'osm-edge', 'sosivio', 'kwasm', 'gopaddle', 'parking', 'easyhaproxy', 'shifu', 'kubearmor', 'ondat'];
    const community129 = [...community128.filter((n) => n !== 'ondat'), 'falco', 'cloudnative-pg', 'ngrok'];
    const community131 = [...community129, 'stunner', 'sriov-device-plugin'];
    const names = (release: string, repository: string) =>
      catalogFor(release).filter((a) => a.repository === repository).map((a) => a.name).sort();
    expect(names('1.28', 'core')).toEqual([...core128].sort());
    for (const r of ['1.29', '1.31', '1.35']) expect(names(r, 'core')).toEqual([...core128, 'nvidia'].sort());
    // the 2026-12 audit found falco, cloudnative-pg, ngrok, stunner and sriov-device-plugin listed in 1.28
    expect(names('1.28', 'community')).toEqual([...community128].sort());
    expect(names('1.29', 'community')).toEqual([...community129].sort());
    expect(names('1.30', 'community')).toEqual([...community129, 'stunner'].sort());
    for (const r of ['1.31', '1.32', '1.33']) expect(names(r, 'community')).toEqual([...community131].sort());
    expect(names('1.34', 'community')).toEqual([...community131, 'amd'].sort());
    expect(names('1.35', 'community')).toEqual([...community131, 'amd', 'forgejo'].sort());
  });

  it('keeps descriptions, versions and architectures as each branch tip has them', () => {
    const gpu128 = catalogFor('1.28').find((a) => a.name === 'gpu')!;
    expect(gpu128).toMatchObject({ repository: 'core', description: 'Automatic enablement of Nvidia CUDA', architectures: ['amd64'] });
    expect(catalogFor('1.29').find((a) => a.name === 'gpu')?.description).toBe('Alias to nvidia add-on');
    expect(catalogFor('1.31').find((a) => a.name === 'knative')?.architectures).toEqual(['arm64', 'amd64', 's390x', 'ppc64le']);
    // the ngrok operator backport reached 1.29–1.31 and 1.35, not 1.32–1.34
    expect(catalogFor('1.31').find((a) => a.name === 'ngrok')?.version).toBe('0.19.0');
    expect(catalogFor('1.33').find((a) => a.name === 'ngrok')?.version).toBe('0.0.1');
    expect(catalogFor('1.28').find((a) => a.name === 'gopaddle')?.description).toBe('DevSecOps and Multi-Cloud Kubernetes Platform');
    expect(catalogFor('1.35').find((a) => a.name === 'minio')?.description).toMatch(/^MinIO object storage \(DEPRECATED\)/);
    expect(catalogFor('1.35').find((a) => a.name === 'nvidia')?.version).toBe('gpu=25.10.0/network=25.7.0/microk8s-1');
    expect(catalogFor('1.29').find((a) => a.name === 'rbac')?.version).toBeNull();
  });

  it('records the branch and tip commit each release came from', () => {
    for (const release of CATALOG_RELEASES) {
      const { sources } = catalogRelease(release);
      for (const s of [sources.core, sources.community]) {
        expect(s.repo).toMatch(/^canonical\/microk8s-(core|community)-addons$/);
        expect(s.branch).toBe(release);
        expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
        expect(s.path).toBe('addons.yaml');
        expect(readFileSync(path.join(ROOT, s.fixture), 'utf8')).toContain('microk8s-addons:');
      }
    }
  });

  it('returns copies', () => {
    const a = catalogFor('1.31');
    a[0]!.architectures.push('riscv64');
    a.pop();
    expect(catalogFor('1.31')[0]!.architectures).not.toContain('riscv64');
    expect(catalogFor('1.31')).toHaveLength(a.length + 1);
  });
});


describe('classic-only reasons', () => {
  const allClassic = CATALOG_RELEASES.flatMap((release) => catalogFor(release).filter((a) => a.confinement === 'classic').map((a) => ({ release, a })));
  const reasonOf = (name: string) => allClassic.find(({ a }) => a.name === name)!.a.classicOnlyReason!;
  const allText = (name: string) => JSON.stringify(reasonOf(name));

  it('every classic-only addon has one, with its source and a cited basis; no other addon has one', () => {
    expect(allClassic.length).toBeGreaterThan(60);
    for (const { release, a } of allClassic) {
      const r = a.classicOnlyReason;
      expect(r?.reasonSource, `${release} ${a.name}`).toMatch(/^(upstream|reading)$/);
      expect(r?.basis.length, `${release} ${a.name}`).toBeGreaterThan(0);
      for (const c of r?.basis ?? []) expect(c.url).toMatch(/^https:\/\//);
    }
    for (const release of CATALOG_RELEASES) {
      for (const a of catalogFor(release)) if (a.confinement !== 'classic') expect(a.classicOnlyReason).toBeNull();
    }
  });

  it('a reading never passes for upstream: it says what upstream does say, and what it read', () => {
    const readings = allClassic.map(({ a }) => [a.name, a.classicOnlyReason!] as const).filter(([, r]) => r.reasonSource === 'reading');
    expect(readings.length).toBeGreaterThan(0);
    for (const [name, r] of readings) {
      if (r.reasonSource !== 'reading') continue;
      // the page prints it after "MicroK8s states no reason:", so it must not claim one
      expect(r.upstream, name).toMatch(/flag|classic-only/);
      expect(r.upstream, name).not.toMatch(/because|needs|requires? (?!classic)/);
      expect(r.readingOf, name).toBeTruthy();
    }
  });

  it('cites addon files at the branch tips the catalog was built from', () => {
    const tips = new Set(CATALOG_RELEASES.flatMap((r) => Object.values(catalogRelease(r).sources).map((s) => s.commit)));
    const urls = allClassic.flatMap(({ a }) => {
      const r = a.classicOnlyReason!;
      return [...r.basis, ...(r.reasonSource === 'upstream' && r.reading ? r.reading.basis : [])].map((c) => c.url);
    });
    const blobs = urls.map((u) => /github\.com\/canonical\/microk8s-(?:core|community)-addons\/blob\/([0-9a-f]{40})\//.exec(u)?.[1]).filter((x) => x !== undefined);
    expect(blobs.length).toBeGreaterThan(10);
    for (const sha of blobs) expect(tips).toContain(sha);
  });

  it('says what upstream says where it says something, and no longer states the audit-contradicted readings', () => {
    // MicroK8s docs (strict confinement, "shared mount") name cilium, gpu and multus; PR #126 gives kwasm's reason
    for (const name of ['cilium', 'gpu', 'multus', 'kwasm', 'kata']) expect(reasonOf(name).reasonSource, name).toBe('upstream');
    expect(allText('kwasm')).toMatch(/\/lib is read-only/);
    // multus writes under $SNAP_DATA, not the host's CNI directory
    expect(allText('multus')).not.toMatch(/host's CNI config/);
    expect(allText('multus')).toMatch(/mount propagation/);
    // the nfs addon runs NFS-Ganesha in a pod, not the kernel's nfsd
    expect(allText('nfs')).not.toMatch(/nfsd/);
    // run_with_sudo does not use sudo on strict
    expect(allText('cloudnative-pg')).not.toMatch(/most likely to fail/);
    for (const name of ['kube-ovn', 'nfs', 'kubearmor', 'ondat', 'cloudnative-pg', 'ngrok', 'amd']) expect(reasonOf(name).reasonSource, name).toBe('reading');
  });
});

describe('catalogFor / releaseOf', () => {
  it('reduces versions and channels to a release', () => {
    expect(releaseOf('v1.31.2')).toBe('1.31');
    expect(releaseOf('1.31.2')).toBe('1.31');
    expect(releaseOf('1.31-strict/stable')).toBe('1.31');
    expect(releaseOf('1.28/edge')).toBe('1.28');
    expect(releaseOf('v1.28.3-2+0123abc')).toBe('1.28');
    expect(releaseOf('1.31')).toBe('1.31');
    expect(releaseOf('latest/stable')).toBeNull();
    expect(releaseOf('')).toBeNull();
    expect(releaseOf('v1.3x')).toBeNull();
    expect(releaseOf(undefined as unknown as string)).toBeNull();
  });

  it('falls back to the nearest known release', () => {
    expect(catalogRelease('1.27').release).toBe('1.28');
    expect(catalogRelease('1.20').release).toBe('1.28');
    expect(catalogRelease('1.36').release).toBe('1.35');
    expect(catalogRelease('v1.33.1').release).toBe('1.33');
    expect(catalogRelease('1.32-strict/stable').release).toBe('1.32');
    expect(catalogRelease('latest/edge').release).toBe('1.35');
    expect(catalogFor('nonsense').length).toBe(catalogFor('1.35').length);
  });
});

describe('parseAddonsYaml', () => {
  it('reads each branch-tip addons.yaml', () => {
    const count = (release: string, repository: 'core' | 'community') => parseAddonsYaml(yamlFixture(release, repository), repository).length;
    expect(count('1.28', 'core')).toBe(23);
    expect(count('1.29', 'core')).toBe(24);
    expect([count('1.28', 'community'), count('1.29', 'community'), count('1.30', 'community'), count('1.31', 'community')]).toEqual([28, 30, 31, 32]);
    expect([count('1.34', 'community'), count('1.35', 'community')]).toEqual([33, 34]);
    const core = parseAddonsYaml(yamlFixture('1.29', 'core'), 'core');
    expect(core.find((a) => a.name === 'nvidia')).toMatchObject({
      repository: 'core',
      description: 'NVIDIA hardware (GPU and network) support',
      version: 'gpu=22.9.1/network=23.7.0/microk8s-1',
      confinement: 'classic',
      architectures: ['amd64'],
    });
    expect(core.find((a) => a.name === 'rbac')).toMatchObject({ version: null, confinement: 'both' });
    const ondat = parseAddonsYaml(yamlFixture('1.28', 'community'), 'community').find((a) => a.name === 'ondat');
    expect(ondat?.classicOnlyReason).toMatchObject({ reasonSource: 'reading' });
  });

  it('handles the confinement field the way utils.py does', () => {
    const doc = (conf: string) =>
      `microk8s-addons:\n  addons:\n    - name: "x"\n      description: "d"\n      version: "1"\n${conf}      supported_architectures:\n        - amd64\n`;
    expect(parseAddonsYaml(doc(''), 'core')[0]!.confinement).toBe('both');
    expect(parseAddonsYaml(doc('      confinement: "strict"\n'), 'core')[0]!.confinement).toBe('strict');
    expect(parseAddonsYaml(doc('      confinement: "classic,strict"\n'), 'core')[0]!.confinement).toBe('both');
    const unknown = parseAddonsYaml(doc('      confinement: "classic"\n'), 'core')[0]!;
    expect(unknown.confinement).toBe('classic');
    // an addon the dashboard has no notes on: no invented reason
    expect(unknown.classicOnlyReason).toMatchObject({ reasonSource: 'reading', readingOf: null, basis: [] });
    expect(unknown.classicOnlyReason?.reasonSource === 'reading' && unknown.classicOnlyReason.upstream).toMatch(/confinement: classic/);
  });

  it('never throws on garbage', () => {
    expect(parseAddonsYaml('', 'core')).toEqual([]);
    expect(parseAddonsYaml(': : :\n  - [', 'core')).toEqual([]);
    expect(parseAddonsYaml('microk8s-addons:\n  addons: 3\n', 'core')).toEqual([]);
    expect(parseAddonsYaml('microk8s-addons:\n  addons:\n    - 7\n    - description: no name\n    - name: ok\n', 'core').map((a) => a.name)).toEqual(['ok']);
  });
});

describe('compareReleases', () => {
  it('1.28 → 1.29: nvidia, falco, cloudnative-pg and ngrok arrive, ondat goes, no confinement changes', () => {
    expect(compareReleases('1.28', '1.29')).toEqual({
      added: ['cloudnative-pg', 'falco', 'ngrok', 'nvidia'],
      removed: ['ondat'],
      confinementChanged: [],
    });
  });

  it('1.33 → 1.35 adds amd and forgejo; nothing changes the other way round except the removal', () => {
    expect(compareReleases('1.33', '1.35')).toEqual({ added: ['amd', 'forgejo'], removed: [], confinementChanged: [] });
    expect(compareReleases('1.35', '1.33').removed).toEqual(['amd', 'forgejo']);
    expect(compareReleases('1.31', '1.31')).toEqual({ added: [], removed: [], confinementChanged: [] });
  });

  it('for every pair of releases, reports exactly the differences between their branch-tip files', () => {
    const keyed = new Map(CATALOG_RELEASES.map((release) => [release,
      new Map(REPOSITORIES.flatMap((repo) => parseAddonsYaml(yamlFixture(release, repo), repo).map((a) => [a.name, a.confinement] as const)))]));
    for (const a of CATALOG_RELEASES) {
      for (const b of CATALOG_RELEASES) {
        const from = keyed.get(a)!;
        const to = keyed.get(b)!;
        const got = compareReleases(a, b);
        expect(got.added, `${a}→${b}`).toEqual([...to.keys()].filter((n) => !from.has(n)).sort());
        expect(got.removed, `${a}→${b}`).toEqual([...from.keys()].filter((n) => !to.has(n)).sort());
        const changed = [...to].filter(([n, c]) => from.has(n) && from.get(n) !== c).map(([n]) => n).sort();
        expect(got.confinementChanged.map((c) => c.name), `${a}→${b}`).toEqual(changed);
      }
    }
  });
});

describe('worksUnderStrict', () => {
  it('is false only for classic-only addons', () => {
    const by = (name: string) => catalogFor('1.31').find((a) => a.name === name)!;
    expect(worksUnderStrict(by('dns'))).toBe(true);
    expect(worksUnderStrict(by('cilium'))).toBe(false);
    expect(worksUnderStrict({ ...by('dns'), confinement: 'strict' })).toBe(true);
  });

  it('a real classic amd64 1.29+ host lists exactly the catalog core set; a strict one would hide three', () => {
    const status = parseMicrok8sStatus(
      readFileSync(path.join(ROOT, 'test/fixtures/microk8s/status/corpus-22973623995-pretty-repo.txt'), 'utf8'),
    );
    const core = catalogFor('1.29').filter((a) => a.repository === 'core' && a.architectures.includes('amd64'));
    expect(status.addons.map((a) => a.name).sort()).toEqual(core.map((a) => a.name).sort());
    expect(core.filter((a) => !worksUnderStrict(a)).map((a) => a.name).sort()).toEqual(['gpu', 'kube-ovn', 'nvidia']);
    // descriptions in the real output are the catalog's
    for (const a of status.addons) expect(core.find((c) => c.name === a.name)?.description).toBe(a.description);
  });
});
