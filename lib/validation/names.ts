/**
 * snapd's naming rules, for validating user input before it reaches a command line.
 *
 * Source: canonical/snapd `snap/naming/validate.go` (rules and test vectors, see
 * /work/shared/reference/snap-reference.md §3) and `cmd/snap/interfaces_common.go`
 * (the `snap:name` / `:name` / `snap` argument forms of `snap connect|disconnect`).
 *
 * Pure module: no I/O, safe in the browser and in tests.
 */
import { z } from 'zod';
import type { Problem, ProblemSource } from '../errors/problem';

/** Thrown for any name or endpoint that snapd would not accept; the message uses snapd's wording. */
export class NameError extends Error implements ProblemSource {
  constructor(message: string) {
    super(message);
    this.name = 'NameError';
  }

  problem(): Problem {
    return { status: 400, code: 'bad-name', message: this.message, hint: "Names follow snapd's rules: lower-case letters, digits and single dashes." };
  }
}

// A snap name is 2–40 characters of [a-z0-9-] with at least one letter, not starting or ending
// with '-' and without '--' (validate.go `ValidateSnap`: length check, `^[a-z0-9-]*[a-z][a-z0-9-]*$`,
// then the dash checks). snapd splits it that way because the one-regex form has nested
// quantifiers and is exponential in backtracking engines; the form below has none.
const SNAP_NAME = /^(?=.{2,40}$)(?!.*--)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const HAS_LETTER = /[a-z]/;
// `<snap>_<key>` (validate.go `ValidateInstance`): the key is 1–10 of [a-z0-9].
const INSTANCE_KEY = /^[a-z0-9]{1,10}$/;
// Plug, slot, interface and hook names (validate.go `ValidatePlug`/`ValidateSlot`/`ValidateInterface`).
// Linear time: each repetition consumes an optional '-' and then one [a-z0-9], so there is only
// one way to match any string.
const PLUG_SLOT_NAME = /^[a-z](?:-?[a-z0-9])*$/;

/**
 * snapd puts no length limit on plug/slot/interface names. We cap them at 100 because every
 * name we accept ends up in a command line, an audit record and log lines. Real names are far
 * shorter (the longest interface name in snapd 2.57 is `storage-framework-service`, 25
 * characters), so a longer value is a mistake or an attempt to flood those places.
 */
export const MAX_PLUG_SLOT_NAME_LENGTH = 100;

/** The names snapd accepts for the system snap on the slot side (`system` is the API nickname). */
export const SYSTEM_SNAP_NAMES: readonly string[] = ['system', 'core', 'snapd'];

// Error messages quote the value the way snapd's `%q` does. A hostile value can be huge, so the
// quoted part is cut: the message goes to logs and to the browser.
const MAX_QUOTED_LENGTH = 64;
function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const cut = text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
  return JSON.stringify(cut);
}

function isValidBareSnapName(name: string): boolean {
  return SNAP_NAME.test(name) && HAS_LETTER.test(name);
}

/**
 * What is wrong with a snap or instance name, in snapd's words (`ValidateInstance`), or null.
 * Split at the first '_' like snapd does, so a second '_' lands in the key and fails there.
 */
function snapNameProblem(s: unknown): string | null {
  if (typeof s !== 'string') return `invalid snap name: ${quote(s)}`;
  const underscore = s.indexOf('_');
  const storeName = underscore === -1 ? s : s.slice(0, underscore);
  if (!isValidBareSnapName(storeName)) return `invalid snap name: ${quote(storeName)}`;
  if (underscore !== -1 && !INSTANCE_KEY.test(s.slice(underscore + 1))) {
    return `invalid instance key: ${quote(s.slice(underscore + 1))}`;
  }
  return null;
}

/** A snap name (`microk8s`) or an instance name (`microk8s_test`), by snapd's rules. */
export function isValidSnapName(s: string): boolean {
  return snapNameProblem(s) === null;
}

/** A plug, slot or interface name, by snapd's rules, and at most MAX_PLUG_SLOT_NAME_LENGTH long. */
export function isValidPlugOrSlotName(s: string): boolean {
  return typeof s === 'string' && s.length <= MAX_PLUG_SLOT_NAME_LENGTH && PLUG_SLOT_NAME.test(s);
}

/** Whether a snap name means "the system snap" when it names the slot side. */
export function isSystemSnapName(name: string): boolean {
  return SYSTEM_SNAP_NAMES.includes(name);
}

export const snapNameSchema = z
  .string()
  .refine(isValidSnapName, { error: (issue) => snapNameProblem(issue.input) ?? 'invalid snap name' });

export const plugSlotNameSchema = z
  .string()
  .refine(isValidPlugOrSlotName, { error: (issue) => `invalid plug or slot name: ${quote(issue.input)}` });

export const interfaceNameSchema = z
  .string()
  .refine(isValidPlugOrSlotName, { error: (issue) => `invalid interface name: ${quote(issue.input)}` });

/**
 * One side of a connection as the user names it. `name: null` means "snap only" (allowed on the
 * slot side, where snapd then picks the matching slot). The system snap given as `:name` is
 * stored as snap "system"; `core`/`snapd` are kept as written (snapd accepts them too).
 */
export interface EndpointRef {
  snap: string;
  name: string | null;
}

export interface ParseEndpointOptions {
  /** Accept `snap` without `:name` (the slot side of `snap connect`). */
  allowSnapOnly: boolean;
  /** Which word the error message uses for the name part; default 'slot' when allowSnapOnly, else 'plug'. */
  kind?: 'plug' | 'slot';
}

/**
 * Parses `snap:name`, `:name` (system snap) or, with allowSnapOnly, `snap`.
 * Throws NameError with snapd's wording:
 * - shape errors as `invalid value: "x" (want snap:name or snap)` (or `... or :name)`), from
 *   `interfaces_common.go`;
 * - `invalid snap name: "x"`, `invalid plug name: "x"`, `invalid slot name: "x"`, from validate.go.
 * Everything outside the naming rules is rejected, which covers shell metacharacters, whitespace,
 * option-looking values (`--help`, `-x`), non-ASCII and over-long input.
 */
export function parseEndpointRef(text: string, opts: ParseEndpointOptions): EndpointRef {
  const kind = opts.kind ?? (opts.allowSnapOnly ? 'slot' : 'plug');
  const wanted = opts.allowSnapOnly ? '(want snap:name or snap)' : '(want snap:name or :name)';
  if (typeof text !== 'string' || text === '') throw new NameError(`invalid value: ${quote(text)} ${wanted}`);

  const parts = text.split(':');
  if (parts.length === 1) {
    if (!opts.allowSnapOnly) throw new NameError(`invalid value: ${quote(text)} ${wanted}`);
    const snap = parts[0] ?? '';
    const problem = snapNameProblem(snap);
    if (problem !== null) throw new NameError(problem);
    return { snap, name: null };
  }
  if (parts.length !== 2) throw new NameError(`invalid value: ${quote(text)} ${wanted}`);

  const [snapPart = '', namePart = ''] = parts;
  // snapd rejects `snap:` ("that should be spelled as snap") and a bare `:`
  if (namePart === '') throw new NameError(`invalid value: ${quote(text)} ${wanted}`);
  const problem = snapPart === '' ? null : snapNameProblem(snapPart);
  if (problem !== null) throw new NameError(problem);
  if (!isValidPlugOrSlotName(namePart)) throw new NameError(`invalid ${kind} name: ${quote(namePart)}`);
  return { snap: snapPart === '' ? 'system' : snapPart, name: namePart };
}

/**
 * Back to the argument form `snap connect` takes: `snap:name`, `:name` for the "system"
 * nickname, or `snap` alone. Validates again, because this string becomes an argv element.
 */
export function endpointArg(ref: EndpointRef): string {
  const problem = snapNameProblem(ref.snap);
  if (problem !== null) throw new NameError(problem);
  if (ref.name === null) return ref.snap;
  if (!isValidPlugOrSlotName(ref.name)) throw new NameError(`invalid plug or slot name: ${quote(ref.name)}`);
  return ref.snap === 'system' ? `:${ref.name}` : `${ref.snap}:${ref.name}`;
}
