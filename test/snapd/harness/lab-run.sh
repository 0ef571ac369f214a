#!/bin/bash
# Run a snap app of the lab (as root):   sudo test/snapd/harness/lab-run.sh microk8s status
#                                        sudo test/snapd/harness/lab-run.sh lab-denials.unshare
# (Copied from shared/snapd-lab/snapd-lab-run.sh; see test/snapd/PROVENANCE.md.)
#
# Why not just `microk8s status`?  On this kind of VM, strict and devmode apps
# die in snap-confine with
#     cannot read mount namespace identifier of pid 1: Permission denied
# because the sandbox does not let anybody (root included) read
# /proc/1/ns/mnt of the VM's own init.  snap-confine reads it on every start.
# Classic apps (lab-classic) are not affected and run directly.
#
# Work-around: start the app as PID 1 of a fresh PID namespace (with its own
# /proc), where "pid 1" is our own process:
#     unshare --pid --fork --mount-proc -- snap run APP ARGS...
# The snap CLI and snapd still talk over /run/snapd.socket as usual (snapd sees
# the caller's real pid because snapd lives in the parent PID namespace).
#
# `taskset -c 0`: on this 6.18 kernel snap-confine's bind mount of the new
# per-snap mount namespace onto /run/snapd/ns/<snap>.mnt fails about half of the
# time with EINVAL ("cannot preserve mount namespace of process 1 as
# <snap>.mnt: Invalid argument") when the process hops CPUs; pinned to one CPU
# it succeeded 12/12 times.  (Most likely the kernel's loop check compares
# mount-namespace ids that are not monotonic across CPUs.)
#
# With Debian 13's snapd 2.68 in the lab (SNAPD_LAB_SUITE=trixie), snap-confine is still
# Debian 12's, which reads seccomp filters in the pre-2.62 format: lib/seccomp-compat.py
# writes them from the ones 2.68 compiled (its docstring says what that loses).
#
# Limits: root only (unshare needs CAP_SYS_ADMIN); snapd itself runs snap hooks
# without this trick, so snaps with hooks cannot be installed/connected here.
set -euo pipefail
[ "$#" -ge 1 ] || { echo "usage: $0 SNAP[.APP] [ARGS...]" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin"
HERE="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
python3 "$HERE/lib/seccomp-compat.py"
exec taskset -c 0 unshare --pid --fork --kill-child --mount-proc -- /usr/bin/snap run "$@"
