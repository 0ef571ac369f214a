/**
 * AppArmor file-rule globs, compiled to RegExp, and the permission check of a file rule against a denial.
 *
 * PURE module (no I/O); compile once and reuse the RegExp.
 *
 * Glob semantics (apparmor.d(5) "Globbing", and the AppArmor parser's conversion to regular expressions):
 * - `*`  any run of characters except `/`; `**` any run of characters including `/`.
 *   Right after a `/`, `*` and `**` must match at least one character, so `/dir/*` and `/dir/**` do not match
 *   `/dir/` itself (that is why policy writes `/dir/{,**}`).
 * - `?`  one character except `/`.
 * - `{a,b,…}` alternation, nestable, empty alternatives allowed (`{,usr/}lib`).
 * - `[abc]`, `[a-z]`, `[^abc]` character classes (a negated class never matches `/` here).
 * - `\x` escapes x (`\#`).
 * - `@{VAR}` variables, expanded from the tunables snapd's profiles use (VARIABLES below); values written
 *   without their trailing `/`, because AppArmor collapses `//` (`@{PROC}/` is `/proc/`).
 * - `###NAME###` placeholders that snapd fills per connection (slot security tags, slot names, device
 *   names) and printf's `%s`: one path segment.
 * - Surrounding double quotes of a quoted rule path are ignored.
 *
 * Permissions (apparmor.d(5) "Access Modes" and the kernel's map of rule bits to requests): a rule's `w`
 * grants write, append, create and delete (a denial logs them as w, a, c, d), `a` grants append only, `r`
 * read, `k` lock, `l` link, `m` mmap with PROT_EXEC, and any execute mode (`ix`, `px`, `Px`, `ux`, `Ux`,
 * `cx`, `Cx`, `pix`, …) grants `x`. An `owner` rule applies only when the file's owner is the caller
 * (fsuid == ouid in the denial).
 */

export interface GlobOptions {
  /** fills @{SNAP_NAME}; any snap name when absent */
  snapName?: string | null;
  /** fills @{SNAP_INSTANCE_NAME}; any instance name when absent */
  snapInstanceName?: string | null;
}

const ANY_SNAP_NAME = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
const ANY_INSTANCE_NAME = `${ANY_SNAP_NAME}(?:_[a-z0-9]{1,10})?`;
/** @{pid}: 1 to 10 digits without a leading zero (tunables/kernelvars) */
const PID = '[1-9][0-9]{0,9}';

type Variable = { glob: string } | { regex: string } | ((o: GlobOptions) => { regex: string });

/**
 * Variables used by snapd 2.76.3's interface policy (grep of policy.json: HOME, INSTALL_DIR, PROC,
 * SNAP_COREUTIL_DIRS, SNAP_INSTANCE_NAME, SNAP_NAME, SNAP_REVISION, multiarch, pid, pids, tid) and a few more.
 */
const VARIABLES: Record<string, Variable> = {
  PROC: { glob: '/proc' }, // tunables/proc: @{PROC}=/proc/
  pid: { regex: PID }, // tunables/kernelvars
  pids: { regex: PID }, // @{pids}=@{pid}
  tid: { regex: PID }, // @{tid}=@{pid}
  HOMEDIRS: { glob: '/home' }, // tunables/home: @{HOMEDIRS}=/home/
  HOME: { glob: '{/home/*,/root}' }, // tunables/home: @{HOME}=@{HOMEDIRS}/*/ /root/
  multiarch: { glob: '*-linux-gnu*' }, // tunables/multiarch
  INSTALL_DIR: { glob: '{/snap,/var/lib/snapd/snap}' }, // snapd template: "/{,var/lib/snapd/}snap"
  SNAP_REVISION: { regex: 'x?[0-9]+' },
  // snapd: "Support coreutils paths (LP: #2123870)"; the definition was not in any stored source, so this covers
  // the GNU coreutils directories and the rust-coreutils one that bug is about.
  SNAP_COREUTIL_DIRS: { glob: '{/bin/,/usr/bin/,/usr/lib/cargo/bin/,/usr/lib/cargo/bin/coreutils/}' },
  SNAP_NAME: (o) => ({ regex: o.snapName ? escapeRegex(o.snapName) : ANY_SNAP_NAME }),
  SNAP_INSTANCE_NAME: (o) => ({ regex: o.snapInstanceName ? escapeRegex(o.snapInstanceName) : ANY_INSTANCE_NAME }),
};

const NEVER = /(?!)/;

export function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** Converts an AppArmor glob to the body of a regular expression (no anchors). */
export function globToRegexSource(glob: string, options: GlobOptions = {}): string {
  let i = 0;
  const g = glob;

  function variable(name: string, afterSlash: boolean): string {
    const v = VARIABLES[name];
    if (v === undefined) return '[^/]+';
    const resolved = typeof v === 'function' ? v(options) : v;
    if ('regex' in resolved) return resolved.regex;
    // AppArmor collapses "//": a value starting with "/" right after a "/" loses its own
    const value = afterSlash ? resolved.glob.replace(/(^|[{,])\//g, '$1') : resolved.glob;
    return globToRegexSource(value, options);
  }

  function charClass(): string {
    // g[i] === '['
    const end = g.indexOf(']', i + 2);
    if (end === -1) {
      i++;
      return '\\[';
    }
    let body = g.slice(i + 1, end);
    i = end + 1;
    let negated = false;
    if (body.startsWith('^') || body.startsWith('!')) {
      negated = true;
      body = body.slice(1);
    }
    const escaped = body.replace(/[\\\]^[]/g, '\\$&');
    return negated ? `[^${escaped}/]` : `[${escaped}]`;
  }

  function sequence(inBrace: boolean): string {
    let out = '';
    let prev = '';
    while (i < g.length) {
      const c = g[i] as string;
      if (inBrace && (c === ',' || c === '}')) break;
      if (c === '\\') {
        const next = g[i + 1];
        if (next !== undefined) {
          out += escapeRegex(next);
          prev = next;
        }
        i += 2;
      } else if (c === '*') {
        let j = i + 1;
        while (g[j] === '*') j++;
        const double = j - i >= 2;
        if (prev === '/') out += double ? '[^/].*' : '[^/]+';
        else out += double ? '.*' : '[^/]*';
        i = j;
        prev = '*';
      } else if (c === '?') {
        out += '[^/]';
        i++;
        prev = '?';
      } else if (c === '[') {
        out += charClass();
        prev = ']';
      } else if (c === '{') {
        i++;
        const alternatives: string[] = [];
        for (;;) {
          alternatives.push(sequence(true));
          if (g[i] === ',') {
            i++;
            continue;
          }
          if (g[i] === '}') i++;
          break; // closed, or unterminated: take what we have
        }
        out += `(?:${alternatives.join('|')})`;
        prev = '}';
      } else if (c === '@' && g[i + 1] === '{') {
        const end = g.indexOf('}', i + 2);
        if (end === -1) {
          out += '@';
          i++;
          prev = '@';
        } else {
          out += `(?:${variable(g.slice(i + 2, end), prev === '/')})`;
          i = end + 1;
          prev = '';
        }
      } else if (c === '#' && g.startsWith('###', i) && g.indexOf('###', i + 3) > i + 3) {
        i = g.indexOf('###', i + 3) + 3;
        out += '[^/]+';
        prev = '';
      } else if (c === '%' && g[i + 1] === 's') {
        out += '[^/]+';
        i += 2;
        prev = '';
      } else if (c === '"') {
        i++; // quoted rule path
      } else {
        out += escapeRegex(c);
        prev = c;
        i++;
      }
    }
    return out;
  }

  let source = '';
  while (i < g.length) {
    source += sequence(false);
    if (i < g.length) {
      // a stray ',' or '}' outside braces is a literal
      source += escapeRegex(g[i] as string);
      i++;
    }
  }
  return source;
}

/** Compiles an AppArmor glob to an anchored RegExp; a pattern that cannot compile matches nothing. */
export function compileGlob(glob: string, options: GlobOptions = {}): RegExp {
  try {
    return new RegExp(`^${globToRegexSource(glob, options)}$`);
  } catch {
    return NEVER;
  }
}

/** Whether the glob uses variables that depend on the snap (so it must be compiled per snap to be exact). */
export function usesSnapVariables(glob: string): boolean {
  return glob.includes('@{SNAP_NAME}') || glob.includes('@{SNAP_INSTANCE_NAME}');
}

/**
 * A compiled rule for this snap: the rule as compiled without a snap when its globs do not use the snap's
 * variables, else compiled for this snap once and kept in the rule's own per-snap cache.
 */
export function compiledForSnap<R, C extends { rule: R; perSnap: Map<string, C> | null }>(c: C, snap: string | null, compile: (rule: R, snap: string) => C): C {
  if (!c.perSnap || !snap) return c;
  let mine = c.perSnap.get(snap);
  if (!mine) c.perSnap.set(snap, (mine = compile(c.rule, snap)));
  return mine;
}

/** The access letters a rule's permission string grants (see the header for the mapping). */
export function grantedAccess(perms: string): Set<string> {
  const granted = new Set<string>();
  for (const ch of perms) {
    switch (ch) {
      case 'r':
        granted.add('r');
        break;
      case 'w':
        granted.add('w').add('a').add('c').add('d');
        break;
      case 'a':
        granted.add('a');
        break;
      case 'k':
        granted.add('k');
        break;
      case 'l':
        granted.add('l');
        break;
      case 'm':
        granted.add('m');
        break;
      case 'x':
        granted.add('x');
        break;
      default:
        // i, p, P, u, U, c, C only qualify x (execute modes); anything else grants nothing we check
        break;
    }
  }
  return granted;
}

/** Whether `granted` covers every requested access letter. An empty request is covered by anything. */
export function covers(granted: Set<string>, access: readonly string[]): boolean {
  for (const a of access) if (!granted.has(a)) return false;
  return true;
}

/** Whether a rule with `perms` grants every requested access letter. */
export function permsCover(perms: string, access: readonly string[]): boolean {
  return covers(grantedAccess(perms), access);
}

/** `owner` rules apply only when the denial shows the caller owns the file (fsuid == ouid). */
export function ownerAllows(owner: boolean, fsuid: number | null, ouid: number | null): boolean {
  return !owner || (fsuid !== null && ouid !== null && fsuid === ouid);
}

/** The options that fill a snap's variables for the instance named in a denial (`foo_bar` is snap `foo`). */
export function snapGlobOptions(instance: string | null): GlobOptions {
  if (!instance) return {};
  return { snapName: instance.split('_')[0] ?? instance, snapInstanceName: instance };
}
