import type { Problem } from '../errors/problem';


/**
 * A host failure told as a Problem: snapd's own message verbatim, what it
 * means, and the fix. Pure (the tests feed it snapd's real texts).
 */
export type { Problem };

export type HostErrorCode =
  | 'not-installed'      // the binary is not on PATH
  | 'snapd-unreachable'  // "cannot communicate with server"
  | 'access-denied'      // snapd or sudo refused: needs root or sudo mode
  | 'timeout'
  | 'output-too-large'
  | 'command-failed'     // non-zero exit; `message` is snapd's `error:` text when there is one
  // The SSH transport (SshHost): `message` names the node.
  | 'host-key-unknown'   // the node's key is not in known_hosts: never accepted silently
  | 'host-key-changed'   // the node's key differs from the one in known_hosts
  | 'unreachable'        // no SSH connection (refused, no route, name unknown, connect timeout)
  | 'auth-failed'        // the node refused the dashboard's key
  | 'ssh-failed'         // any other failure of ssh itself (bad configuration, control socket)
  | 'sudo-refused';      // `sudo -n` on the node asked for a password: no sudoers rule there

interface FailureLike {
  code: HostErrorCode;
  command: string;
  message: string;
  toolMessage: string | null;
}

const SUDO_HINT =
  'The dashboard runs as an ordinary user and snapd only lets root change connections. ' +
  'Run it with sudo mode (CONFINEMENT_DASHBOARD_SUDO=1) and the sudoers line from the README, or run the same command yourself with sudo.';

export function problemFromHostFailure(e: FailureLike): Problem {
  const tool = e.toolMessage ?? e.message;
  switch (e.code) {
    case 'not-installed':
      return {
        status: 503,
        code: 'not-installed',
        message: e.message,
        hint: /^snap( |$)/.test(e.command)
          ? 'snapd is not installed on this host. Install it (sudo apt install snapd), or start the dashboard in demo mode (npm run demo) to explore it on a simulated host.'
          : e.command.startsWith('microk8s')
            ? 'The microk8s command was found neither on PATH nor in /snap/bin. Check that the MicroK8s snap is installed (snap list microk8s); snapd itself is not the problem.'
            : 'This command is not installed on the host.',
      };
    case 'snapd-unreachable':
      return {
        status: 502,
        code: 'snapd-unreachable',
        message: 'snapd is not reachable: ' + tool,
        hint: 'Start snapd (sudo systemctl start snapd.socket snapd.service) and check it with "snap version". The dashboard retries by itself.',
      };
    case 'access-denied':
      return { status: 403, code: 'access-denied', message: tool, hint: SUDO_HINT };
    case 'timeout':
      return {
        status: 504,
        code: 'timeout',
        message: e.message,
        hint: 'snapd did not answer in time (busy or hung). Pages ask again by themselves; a connect or disconnect sent meanwhile is answered "pending" and followed until snapd says how it ended (Activity page).',
      };
    case 'output-too-large':
      return { status: 502, code: 'output-too-large', message: e.message };
    case 'command-failed':
      return problemFromSnapdMessage(tool);
    case 'host-key-unknown':
      return {
        status: 502,
        code: 'host-key-unknown',
        message: e.message,
        hint:
          "The dashboard only talks to a node whose SSH host key its known_hosts file already holds. On the node, print the key's fingerprint " +
          '(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub); on the dashboard\'s machine, fetch the key (ssh-keyscan -p PORT HOST), ' +
          "check that its fingerprint is the same (ssh-keygen -lf -), and append it to the dashboard's known_hosts file.",
      };
    case 'host-key-changed':
      return {
        status: 502,
        code: 'host-key-changed',
        message: e.message,
        hint:
          'The node answered with a different host key than the one on record: it was reinstalled or its keys regenerated — or someone is ' +
          "in between. Confirm the new fingerprint on the node's own console first; then remove the old key (ssh-keygen -R '[HOST]:PORT' -f KNOWN_HOSTS) and add the new one.",
      };
    case 'unreachable':
      return {
        status: 502,
        code: 'unreachable',
        message: e.message,
        hint: "The host does not answer; the other hosts are not affected. Check that it is up and that its sshd listens on the address and port in hosts.yaml (from the dashboard's machine: ssh -p PORT USER@HOST true).",
      };
    case 'auth-failed':
      return {
        status: 502,
        code: 'auth-failed',
        message: e.message,
        hint:
          "The node refused the dashboard's SSH key. Add the dashboard user's public key to ~/.ssh/authorized_keys of the SSH user on the node " +
          '(ssh-copy-id), or name the right key as identityFile in hosts.yaml.',
      };
    case 'ssh-failed':
      return { status: 502, code: 'ssh-failed', message: e.message, hint: "ssh itself failed before the command ran on the node; its message says why." };
    case 'sudo-refused':
      return {
        status: 403,
        code: 'sudo-refused',
        message: e.message,
        hint:
          "This node is in sudo mode but its sudo asked for a password: the node has no sudoers rule letting the SSH user run snap connect/disconnect. " +
          "Add the README's sudoers line on that node, for that user.",
      };
  }
}

/** Maps snapd's `error:` texts (reference §1.7) to a status and an explanation. */
export function problemFromSnapdMessage(message: string): Problem {
  const m = message;
  if (/change in progress/.test(m)) {
    return {
      status: 409,
      code: 'change-in-progress',
      message: m,
      hint: 'snapd is busy with another change to this snap. Wait for it to finish ("snap changes") and try again.',
    };
  }
  if (/has multiple ".*" interface slots/.test(m)) {
    return { status: 409, code: 'ambiguous-slot', message: m, hint: 'Several slots fit: pick one in the slot picker.' };
  }
  if (/is not installed|not found|has no (plug|slot|plug or slot) named|has no ".*" interface slots|no such interface|no matching snaps/.test(m)) {
    return {
      status: 404,
      code: 'not-found',
      message: m,
      hint: 'The snap, plug or slot does not exist on this host (any more). Reload to see the current state.',
    };
  }
  if (/^cannot connect .* interface\)$/.test(m) || /invalid value/.test(m)) {
    return { status: 400, code: 'mismatch', message: m, hint: 'A plug can only connect to a slot of the same interface.' };
  }
  if (/not allowed by slot rule of interface "content"/.test(m)) {
    // snapd's base declaration (interfaces/builtin/content.go contentBaseDeclarationSlots): allow-connection
    // plug-attributes content: $SLOT(content) (newer snapd: or a matching `compatibility`); a store assertion can
    // refuse more. Which it is needs the two tags: lib/actions/connection-change.ts replaces this hint with one that
    // names them when they can be read; this one claims nothing about them.
    return {
      status: 409,
      code: 'policy-refused',
      message: m,
      hint: 'snapd connects a content plug only to a slot with the same content tag (its base declaration), and a store assertion may restrict it further. Compare the two tags ("snap interface content --attrs"); the snap page lists the slots whose tag matches first.',
    };
  }
  if (/not allowed by (plug|slot) rule/.test(m)) {
    return {
      status: 409,
      code: 'policy-refused',
      message: m,
      hint: "snapd's interface policy refuses this connection for this snap; only the snap's publisher (or the store) can allow it.",
    };
  }
  if (/cannot perform the following tasks/.test(m)) {
    return { status: 409, code: 'change-failed', message: m, hint: 'snapd started the change but it failed; "snap changes" shows the details.' };
  }
  return { status: 502, code: 'snapd-error', message: m };
}
