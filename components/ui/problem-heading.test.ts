import { describe, expect, it } from 'vitest';
import { problemHeading } from './problem';

describe('problemHeading', () => {
  it('a missing snap command: snapd is not installed', () => {
    expect(problemHeading({ code: 'not-installed', message: 'snap is not installed (not found on PATH)' })).toBe('snapd is not installed');
  });
  it('a missing microk8s command is never titled "snapd is not installed"', () => {
    expect(problemHeading({ code: 'not-installed', message: 'microk8s was not found on PATH or in /snap/bin' })).toBe('Command not found');
    expect(problemHeading({ code: 'not-installed', message: 'The microk8s snap is installed but its command was not found (microk8s was not found on PATH or in /snap/bin).' })).toBe('Command not found');
  });
  it('read-only refusals and the others', () => {
    expect(problemHeading({ code: 'read-only', message: 'Read-only: …' })).toBe('Read-only: nothing was run');
    expect(problemHeading({ code: 'snapd-unreachable', message: 'x' })).toBe('snapd is not reachable');
  });
});
