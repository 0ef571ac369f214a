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
import { buildCatalog, serialise } from './scripts/build-catalog.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADDONS = path.join(ROOT, 'test/fixtures/microk8s/addons');
const yamlFixture = (name: string) => readFileSync(path.join(ADDONS, name), 'utf8');

const classicOnly = (addons: CatalogAddon[], repository: 'core' | 'community') =>
  addons.filter((a) => a.repository === repository && a.confinement === 'classic').map((a) => a.name).sort();

describe('catalog data', () => {
  it('covers 1.28 to 1.35', () => {
    expect(CATALOG_RELEASES).toEqual(['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35']);
  });

  it('is what the build script makes from the fixtures (not edited by hand)', () => {
    const built = serialise(buildCatalog()) as string;
    expect(built).toBe(readFileSync(path.join(ROOT, 'lib/microk8s/catalog-data.json'), 'utf8'));
  });

  // Reference §5.2 (/work/shared/reference/snap-reference.md): classic-only (hidden on strict) sets.
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
    it(`${release}: classic-only sets equal the reference §5.2 facts`, () => {
      const addons = catalogFor(release);
      expect(classicOnly(addons, 'core')).toEqual(CORE_CLASSIC[release]!.slice().sort());
      expect(classicOnly(addons, 'community')).toEqual(COMMUNITY_CLASSIC[release]!.slice().sort());
    });
  }

  it('has the reference §5.2 addon lists', () => {
    const core128 = ['dns', 'rbac', 'dashboard', 'ingress', 'hostpath-storage', 'storage', 'registry', 'metrics-server',
      'gpu', 'helm', 'helm3', 'metallb', 'host-access', 'ha-cluster', 'mayastor', 'prometheus', 'observability',
      'community', 'cert-manager', 'kube-ovn', 'minio', 'cis-hardening', 'rook-ceph'];
    const community131 = ['microcks', 'dashboard-ingress', 'istio', 'knative', 'fluentd', 'jaeger', 'linkerd', 'cilium',
      'multus', 'nfs', 'portainer', 'traefik', 'keda', 'openfaas', 'openebs', 'kata', 'inaccel', 'trivy', 'argocd',
      'osm-edge', 'sosivio', 'kwasm', 'gopaddle', 'parking', 'easyhaproxy', 'shifu', 'kubearmor', 'falco',
      'cloudnative-pg', 'ngrok', 'stunner', 'sriov-device-plugin'];
    const names = (release: string, repository: string) =>
      catalogFor(release).filter((a) => a.repository === repository).map((a) => a.name).sort();
    expect(names('1.28', 'core')).toEqual([...core128].sort());
    for (const r of ['1.29', '1.31', '1.35']) expect(names(r, 'core')).toEqual([...core128, 'nvidia'].sort());
    expect(names('1.28', 'community')).toEqual([...community131, 'ondat'].sort());
    for (const r of ['1.29', '1.30', '1.31', '1.32', '1.33']) expect(names(r, 'community')).toEqual([...community131].sort());
    expect(names('1.34', 'community')).toEqual([...community131, 'amd'].sort());
    expect(names('1.35', 'community')).toEqual([...community131, 'amd', 'forgejo'].sort());
  });

  it('gives every classic-only addon a plain-words reason, and no other addon one', () => {
    for (const release of CATALOG_RELEASES) {
      for (const a of catalogFor(release)) {
        if (a.confinement === 'classic') expect(a.classicOnlyReason, `${release} ${a.name}`).toMatch(/\w{4,}.*\./);
        else expect(a.classicOnlyReason).toBeNull();
      }
    }
  });

  it('records where each release came from, and says when the data is derived or versions were dropped', () => {
    for (const release of CATALOG_RELEASES) {
      const { sources } = catalogRelease(release);
      for (const s of [sources.core, sources.community]) {
        expect(s.repo).toMatch(/^canonical\/microk8s-(core|community)-addons$/);
        expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
        expect(s.path).toBe('addons.yaml');
        expect(s.branch).toBeNull();
        expect(readFileSync(path.join(ROOT, s.fixture), 'utf8')).toContain('microk8s-addons:');
        expect(s.note).toMatch(/Branch unknown/);
      }
    }
    expect(catalogRelease('1.28').sources.community.kind).toBe('derived');
    expect(catalogRelease('1.34').sources.community.kind).toBe('addons.yaml');
    expect(catalogFor('1.31').every((a) => a.version === null)).toBe(true);
    expect(catalogFor('1.35').find((a) => a.name === 'forgejo')?.version).toBe('1.0.0');
  });

  it('keeps real descriptions and architectures', () => {
    const gpu128 = catalogFor('1.28').find((a) => a.name === 'gpu')!;
    expect(gpu128).toMatchObject({ repository: 'core', description: 'Automatic enablement of Nvidia CUDA', architectures: ['amd64'] });
    expect(catalogFor('1.29').find((a) => a.name === 'gpu')?.description).toBe('Alias to nvidia add-on');
    expect(catalogFor('1.31').find((a) => a.name === 'knative')?.architectures).toEqual(['arm64', 'amd64', 's390x', 'ppc64le']);
  });

  it('agrees with parseAddonsYaml on the real files it was built from', () => {
    const fromFile = parseAddonsYaml(yamlFixture('community-55a2be65.yaml'), 'community').sort((a, b) => a.name.localeCompare(b.name));
    expect(catalogFor('1.35').filter((a) => a.repository === 'community')).toEqual(fromFile);
    const core = parseAddonsYaml(yamlFixture('core-769d3dbb.yaml'), 'core').sort((a, b) => a.name.localeCompare(b.name));
    expect(catalogFor('1.28').filter((a) => a.repository === 'core')).toEqual(core);
  });

  it('returns copies', () => {
    const a = catalogFor('1.31');
    a[0]!.architectures.push('riscv64');
    a.pop();
    expect(catalogFor('1.31')[0]!.architectures).not.toContain('riscv64');
    expect(catalogFor('1.31')).toHaveLength(a.length + 1);
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
  it('reads each real addons.yaml copy', () => {
    expect(parseAddonsYaml(yamlFixture('core-769d3dbb.yaml'), 'core')).toHaveLength(23);
    expect(parseAddonsYaml(yamlFixture('core-22f64886.yaml'), 'core')).toHaveLength(24);
    expect(parseAddonsYaml(yamlFixture('community-1e35bc31.yaml'), 'community')).toHaveLength(26);
    expect(parseAddonsYaml(yamlFixture('community-1134775d.yaml'), 'community')).toHaveLength(33);
    expect(parseAddonsYaml(yamlFixture('community-55a2be65.yaml'), 'community')).toHaveLength(34);
    const core = parseAddonsYaml(yamlFixture('core-22f64886.yaml'), 'core');
    expect(core.find((a) => a.name === 'nvidia')).toMatchObject({
      repository: 'core',
      description: 'NVIDIA hardware (GPU and network) support',
      version: 'gpu=22.9.1/network=23.7.0/microk8s-1',
      confinement: 'classic',
      architectures: ['amd64'],
    });
    expect(core.find((a) => a.name === 'rbac')).toMatchObject({ version: null, confinement: 'both' });
    const ondat = parseAddonsYaml(yamlFixture('community-1e35bc31.yaml'), 'community').find((a) => a.name === 'ondat');
    expect(ondat?.classicOnlyReason).toMatch(/kernel/);
  });

  it('handles the confinement field the way utils.py does', () => {
    const doc = (conf: string) =>
      `microk8s-addons:\n  addons:\n    - name: "x"\n      description: "d"\n      version: "1"\n${conf}      supported_architectures:\n        - amd64\n`;
    expect(parseAddonsYaml(doc(''), 'core')[0]!.confinement).toBe('both');
    expect(parseAddonsYaml(doc('      confinement: "strict"\n'), 'core')[0]!.confinement).toBe('strict');
    expect(parseAddonsYaml(doc('      confinement: "classic,strict"\n'), 'core')[0]!.confinement).toBe('both');
    const unknown = parseAddonsYaml(doc('      confinement: "classic"\n'), 'core')[0]!;
    expect(unknown.confinement).toBe('classic');
    expect(unknown.classicOnlyReason).toMatch(/no reason/);
  });

  it('never throws on garbage', () => {
    expect(parseAddonsYaml('', 'core')).toEqual([]);
    expect(parseAddonsYaml(': : :\n  - [', 'core')).toEqual([]);
    expect(parseAddonsYaml('microk8s-addons:\n  addons: 3\n', 'core')).toEqual([]);
    expect(parseAddonsYaml('microk8s-addons:\n  addons:\n    - 7\n    - description: no name\n    - name: ok\n', 'core').map((a) => a.name)).toEqual(['ok']);
  });
});

describe('compareReleases', () => {
  it('1.28 → 1.29: nvidia and the classic-only move of cloudnative-pg and ngrok; ondat gone', () => {
    expect(compareReleases('1.28', '1.29')).toEqual({
      added: ['nvidia'],
      removed: ['ondat'],
      confinementChanged: [
        { name: 'cloudnative-pg', from: 'both', to: 'classic' },
        { name: 'ngrok', from: 'both', to: 'classic' },
      ],
    });
  });

  it('1.33 → 1.35 adds amd and forgejo; nothing changes the other way round except the removal', () => {
    expect(compareReleases('1.33', '1.35')).toEqual({ added: ['amd', 'forgejo'], removed: [], confinementChanged: [] });
    expect(compareReleases('1.35', '1.33').removed).toEqual(['amd', 'forgejo']);
    expect(compareReleases('1.31', '1.31')).toEqual({ added: [], removed: [], confinementChanged: [] });
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
