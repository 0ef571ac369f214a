import { describe, expect, it } from 'vitest';
import { catalogFor } from './catalog';
import { releaseComparison } from './comparison';

describe('releaseComparison', () => {
  it('without the host’s repositories: both sides from the branch tips, headed by where each addon is', () => {
    const c = releaseComparison('1.31', '1.28');
    expect(c.fromSource).toBe('bundled');
    // 1.28's branch tip has ondat; 1.31's has these six that 1.28 lacks
    expect(c.onlyInTo).toEqual(['ondat']);
    expect(c.onlyInFrom).toEqual(['cloudnative-pg', 'falco', 'ngrok', 'nvidia', 'sriov-device-plugin', 'stunner']);
  });

  it('with the host’s installed repositories: an addon the host already has is never "only in" the other release', () => {
    // A 1.33 host whose repositories already carry amd (a snap revision ahead of its branch's catalog).
    const amd = catalogFor('1.35').find((a) => a.name === 'amd')!;
    const installed = [...catalogFor('1.33'), amd];
    const c = releaseComparison('1.33', '1.35', installed);
    expect(c.fromSource).toBe('host');
    expect(c.onlyInTo).toEqual(['forgejo']);
    expect(releaseComparison('1.33', '1.35').onlyInTo).toEqual(['amd', 'forgejo']);
  });

  it('refuses a release the catalog does not know, before reading anything', () => {
    expect(() => releaseComparison('1.31', '1.99')).toThrow(/releases must be one of/);
  });
});
