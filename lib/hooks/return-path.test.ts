import { describe, expect, it } from 'vitest';
import { returnPath } from './return-path';

describe('returnPath', () => {
  it('keeps a path of this origin, with its query', () => {
    expect(returnPath('/snaps/microk8s')).toBe('/snaps/microk8s');
    expect(returnPath('/hosts/node-2/denials?snap=microk8s')).toBe('/hosts/node-2/denials?snap=microk8s');
  });
  it('refuses anything that could leave the site, loop or land on the API', () => {
    for (const bad of [null, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', '/ x', 'snaps', '/login?reason=session', '/api/snaps', 'javascript:alert(1)']) {
      expect(returnPath(bad), String(bad)).toBe('/');
    }
  });
});
