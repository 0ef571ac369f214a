import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMicrok8sStatus, statusProblem, type AddonState } from './parse';

const DIR = path.resolve(import.meta.dirname, '../../test/fixtures/microk8s/status');
const fixture = (name: string) => readFileSync(path.join(DIR, name), 'utf8');
const names = (addons: AddonState[], enabled: boolean) => addons.filter((a) => a.enabled === enabled).map((a) => a.name);

describe('parseMicrok8sStatus — real published outputs', () => {
  it('pretty before 1.24, no (repo) (canonical/microk8s#2273)', () => {
    const s = parseMicrok8sStatus(fixture('issue-2273-pretty-pre124.txt'));
    expect(s.running).toBe(true);
    expect(s.highAvailability).toBe(false);
    expect(s.message).toBeNull();
    expect(names(s.addons, true)).toEqual(['ha-cluster']);
    expect(names(s.addons, false)).toEqual([
      'dashboard', 'dns', 'helm', 'helm3', 'host-access', 'ingress', 'linkerd', 'metallb',
      'metrics-server', 'rbac', 'registry', 'storage',
    ]);
    expect(s.addons.find((a) => a.name === 'helm3')).toEqual({
      name: 'helm3', repository: null, description: 'Helm 3 - Kubernetes package manager', version: null, enabled: false,
    });
  });

  it('pretty before 1.24, as posted by the maintainer (canonical/microk8s PR #1374)', () => {
    const s = parseMicrok8sStatus(fixture('pr-1374-pretty-pre124.txt'));
    expect(s.running).toBe(true);
    expect(names(s.addons, true)).toEqual(['dashboard', 'dns', 'ha-cluster', 'metrics-server']);
    expect(names(s.addons, false)).toEqual(['cilium', 'fluentd', 'gpu', 'helm']);
    expect(s.addons.every((a) => a.repository === null)).toBe(true);
  });

  it('--format yaml with Python True and HA nodes (canonical/microk8s PR #1374)', () => {
    const s = parseMicrok8sStatus(fixture('pr-1374-yaml.txt'));
    expect(s).toEqual({
      running: true,
      highAvailability: true,
      message: null,
      addons: [
        { name: 'dns', repository: null, description: 'CoreDNS', version: '1.6.6', enabled: true },
        { name: 'ha-cluster', repository: null, description: 'Configure high availability on the current node', version: '0.1.0', enabled: true },
      ],
    });
  });

  it('pretty with (core), 1.29+ core list', () => {
    const s = parseMicrok8sStatus(fixture('corpus-22973623995-pretty-repo.txt'));
    expect(s.running).toBe(true);
    expect(s.highAvailability).toBe(false);
    expect(s.addons).toHaveLength(24);
    expect(s.addons.every((a) => a.repository === 'core')).toBe(true);
    expect(names(s.addons, true)).toEqual(['dashboard', 'dns', 'ha-cluster', 'helm', 'helm3', 'ingress', 'metrics-server', 'rbac']);
    expect(s.addons.find((a) => a.name === 'nvidia')).toEqual({
      name: 'nvidia', repository: 'core', description: 'NVIDIA hardware (GPU and network) support', version: null, enabled: false,
    });
  });

  it('header only, no addons section (canonical/microk8s#4649)', () => {
    const s = parseMicrok8sStatus(fixture('issue-4649-pretty-no-addons-section.txt'));
    expect(s).toEqual({ running: true, highAvailability: false, addons: [], message: null });
    expect(parseMicrok8sStatus(fixture('issue-4649-pretty-ha-yes.txt')).highAvailability).toBe(true);
  });

  it('a copy cut off mid-list keeps every complete row (canonical/microk8s-core-addons#254)', () => {
    const s = parseMicrok8sStatus(fixture('core-addons-254-pretty-truncated.txt'));
    expect(s.running).toBe(true);
    expect(names(s.addons, true)).toHaveLength(8);
    expect(names(s.addons, false)).toEqual(['cert-manager', 'community']);
  });

  it('--format short piped through grep: rows without the header', () => {
    const s = parseMicrok8sStatus(fixture('corpus-71306124696-short-grep.txt'));
    expect(s.running).toBe(true);
    expect(s.message).toMatch(/filtered/);
    expect(s.addons.map((a) => `${a.repository}/${a.name}:${a.enabled}`)).toEqual([
      'core/dns:true', 'core/ha-cluster:true', 'core/helm:true', 'core/helm3:true',
      'core/hostpath-storage:true', 'core/metrics-server:true', 'core/storage:true',
    ]);
  });

  it('not running (canonical/microk8s#375)', () => {
    const text = fixture('issue-375-not-running.txt');
    expect(parseMicrok8sStatus(text)).toEqual({
      running: false, highAvailability: null, addons: [],
      message: 'microk8s is not running. Use microk8s inspect for a deeper inspection.',
    });
    expect(statusProblem(text)).toEqual({ kind: 'not-running', group: null });
  });

  it('insufficient permissions, classic: group microk8s (canonical/microk8s#4376)', () => {
    const text = fixture('issue-4376-insufficient-permissions-classic.txt');
    expect(statusProblem(text)).toEqual({ kind: 'insufficient-permissions', group: 'microk8s' });
    const s = parseMicrok8sStatus(text);
    expect(s.running).toBe(false);
    expect(s.addons).toEqual([]);
    expect(s.message).toContain('Insufficient permissions to access MicroK8s.');
    expect(s.message).toContain("newgrp microk8s'");
  });

  it('insufficient permissions, strict: group snap_microk8s (balchua/microk8s-actions#13)', () => {
    const text = fixture('microk8s-actions-13-insufficient-permissions-strict.txt');
    expect(statusProblem(text)).toEqual({ kind: 'insufficient-permissions', group: 'snap_microk8s' });
    expect(parseMicrok8sStatus(text).running).toBe(false);
  });

  it('insufficient permissions, 2019 wordings (canonical/microk8s#828, #606)', () => {
    expect(statusProblem(fixture('issue-828-insufficient-permissions-2019.txt'))).toEqual({
      kind: 'insufficient-permissions', group: 'microk8s',
    });
    expect(statusProblem(fixture('issue-606-no-permissions-2019.txt'))).toEqual({
      kind: 'insufficient-permissions', group: null,
    });
  });

  it('worker node, both wordings', () => {
    for (const f of ['corpus-33248202001-worker-control-plane.txt', 'corpus-22957681656-worker-master.txt']) {
      const text = fixture(f);
      expect(statusProblem(text)).toEqual({ kind: 'worker-node', group: null });
      const s = parseMicrok8sStatus(text);
      expect(s.running).toBe(false);
      expect(s.message).toMatch(/^This MicroK8s deployment is acting as a node in a cluster\.\nPlease use the /);
    }
  });
});

describe('parseMicrok8sStatus — reproduced from status.py format strings (no real sample)', () => {
  it('--format yaml, 1.31 shape with repository and HA nodes', () => {
    const s = parseMicrok8sStatus(fixture('reproduced-yaml-1.31.txt'));
    expect(s.running).toBe(true);
    expect(s.highAvailability).toBe(true);
    expect(s.addons).toEqual([
      { name: 'dns', repository: 'core', description: 'CoreDNS', version: '1.10.1', enabled: true },
      { name: 'cert-manager', repository: 'core', description: 'Cloud native certificate management', version: '1.8.0', enabled: false },
      { name: 'argocd', repository: 'community', description: 'Argo CD is a declarative continuous deployment for Kubernetes.', version: '2.7.2', enabled: false },
    ]);
  });

  it('--format yaml when not running: the three-space message line that is not valid YAML', () => {
    const text = fixture('reproduced-yaml-not-running.txt');
    expect(parseMicrok8sStatus(text)).toEqual({
      running: false, highAvailability: false, addons: [],
      message: 'microk8s is not running. Use microk8s inspect for a deeper inspection.',
    });
    expect(statusProblem(text).kind).toBe('not-running');
  });

  it('legacy --yaml', () => {
    const s = parseMicrok8sStatus(fixture('reproduced-legacy-yaml.txt'));
    expect(s.running).toBe(true);
    expect(s.highAvailability).toBeNull();
    expect(s.addons.map((a) => `${a.repository}/${a.name}:${a.enabled}`)).toEqual([
      'core/dns:true', 'core/ha-cluster:true', 'core/cert-manager:false', 'community/argocd:false',
    ]);
  });

  it('--format short', () => {
    const s = parseMicrok8sStatus(fixture('reproduced-short.txt'));
    expect(s.running).toBe(true);
    expect(s.message).toBeNull();
    expect(s.addons.map((a) => `${a.repository}/${a.name}:${a.enabled}`)).toEqual([
      'core/dns:true', 'core/ha-cluster:true', 'core/cert-manager:false', 'community/argocd:false',
    ]);
  });

  it('pretty with community addons', () => {
    const s = parseMicrok8sStatus(fixture('reproduced-pretty-strict-community.txt'));
    expect(s.addons.filter((a) => a.repository === 'community').map((a) => a.name)).toEqual(['argocd', 'falco']);
    expect(s.addons.find((a) => a.name === 'argocd')?.description).toBe('Argo CD is a declarative continuous deployment for Kubernetes.');
  });

  it('pretty with an external etcd: endpoint lines are not addons', () => {
    const s = parseMicrok8sStatus(fixture('reproduced-pretty-external-etcd.txt'));
    expect(s.addons.map((a) => a.name)).toEqual(['dns', 'ha-cluster']);
  });

  it('stopped snap', () => {
    const text = fixture('reproduced-stopped.txt');
    expect(statusProblem(text).kind).toBe('not-running');
    expect(parseMicrok8sStatus(text).message).toBe('microk8s is not running, try microk8s start');
  });
});

describe('parseMicrok8sStatus — edge cases', () => {
  it('empty and blank input', () => {
    expect(parseMicrok8sStatus('')).toEqual({ running: false, highAvailability: null, addons: [], message: 'empty output' });
    expect(parseMicrok8sStatus(' \n\n \r\n').message).toBe('empty output');
    expect(statusProblem('')).toEqual({ kind: null, group: null });
  });

  it('garbage never throws and is never read as addons', () => {
    for (const text of [
      'error: unknown command "status"',
      'Traceback (most recent call last):\n  File "status.py", line 1\nKeyError: x',
      '\u0000\u0001binary\uFFFD',
      '{"running": true}',
      'dns: enabled\nsomething else',
    ]) {
      const s = parseMicrok8sStatus(text);
      expect(s.running).toBe(false);
      expect(s.addons).toEqual([]);
      expect(s.message).toMatch(/unrecognised/);
    }
    // not even non-strings (a caller passing undefined from a failed exec)
    expect(() => parseMicrok8sStatus(undefined as unknown as string)).not.toThrow();
    expect(statusProblem(undefined as unknown as string).kind).toBeNull();
  });

  it('CRLF line ends', () => {
    const s = parseMicrok8sStatus(fixture('issue-2273-pretty-pre124.txt').replace(/\n/g, '\r\n'));
    expect(s.addons).toHaveLength(13);
  });

  it('truncated yaml keeps complete entries only', () => {
    const text = fixture('reproduced-yaml-1.31.txt');
    const cut = text.slice(0, text.indexOf('  - name: cert-manager') + '  - name: cert-manager\n    repository: co'.length);
    const s = parseMicrok8sStatus(cut);
    expect(s.running).toBe(true);
    expect(s.addons.map((a) => a.name)).toEqual(['dns']);
  });

  it('a row cut before its "#" is skipped', () => {
    const s = parseMicrok8sStatus('microk8s is running\naddons:\n  enabled:\n    dns                  # (core) CoreDNS\n    ingr');
    expect(s.addons.map((a) => a.name)).toEqual(['dns']);
  });

  it('a very long message is clipped', () => {
    const s = parseMicrok8sStatus(`Insufficient permissions to access MicroK8s.\n${'x'.repeat(5000)}`);
    expect(s.message!.length).toBeLessThanOrEqual(2001);
  });
});
