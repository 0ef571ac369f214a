#!/bin/bash
# Tear the snapd lab down so that the next lab-up.sh starts from a
# clean "snapd package installed, daemon not running, no state" machine.
# (Derived from shared/snapd-lab/snapd-lab-down.sh; see test/snapd/PROVENANCE.md.)
#
#   sudo test/snapd/harness/lab-down.sh
#
# Stops the supervisor (which stops snapd), stops shim-started snap services,
# unmounts every snap, removes the units/rules snapd generated and wipes
# snapd's state the way /usr/lib/snapd/snap-mgmt --purge does, but keeps the
# directories the snapd .deb owns.  Idempotent.  Processes are ended by the pids
# the lab recorded, never by name.
set -uo pipefail

HERE="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
LAB="${SNAPD_LAB_DIR:-/tmp/snapd-lab}"
FIXTURE_SNAPS="snapd core core20 core22 microk8s lab-config-provider lab-classic lab-devmode lab-denials"
# shellcheck source=guard.sh
. "$HERE/guard.sh"
lab_guard "$LAB" || exit 3
# shellcheck source=lib/stop-supervisor.sh
. "$HERE/lib/stop-supervisor.sh"

log() { echo "[snapd-lab-down] $*"; }

# names of the snaps present now (for the per-user ~/snap/<name> clean-up)
SNAP_NAMES="$FIXTURE_SNAPS $(ls /snap 2>/dev/null | grep -vx -e bin -e README | tr '\n' ' ')"

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# ------------------------------------------------------------------ 1. services started by the shim
# first, while the supervisor (a child subreaper) is alive to reap them
# (each was started in its own session/process group; a service wrapped in
# `unshare --pid` ignores SIGTERM in its namespace init, hence the SIGKILL)
for pf in "$LAB"/shim-state/services/*.pid; do
    [ -e "$pf" ] || continue
    pid=$(cat "$pf")
    if alive "$pid"; then
        log "stopping snap service pid $pid ($(basename "$pf" .pid))"
        kill -TERM -- "-$pid" 2>/dev/null
        for _ in $(seq 1 30); do alive "$pid" || break; sleep 0.1; done
        alive "$pid" && kill -KILL -- "-$pid" 2>/dev/null
    fi
done
rm -rf "$LAB/shim-state"

# ------------------------------------------------------------------ 2. supervisor + snapd
stop_supervisor "$LAB"

# ------------------------------------------------------------------ 3. unmount
# preserved per-snap mount namespaces (only exist if snap apps ran)
for mnt in /run/snapd/ns/*.mnt; do
    [ -e "$mnt" ] || continue
    umount -l "$mnt" 2>/dev/null || true
done
if grep -q ' /run/snapd/ns ' /proc/self/mountinfo; then umount -l /run/snapd/ns || true; fi
# snap squashfs mounts (and anything else under /snap or /var/snap), deepest first
mapfile -t mps < <(awk '{print $5}' /proc/self/mountinfo | grep -E '^/(snap|var/snap)(/|$)' | sort -r)
for mp in "${mps[@]}"; do
    log "umount $mp"
    umount -d -l "$mp" 2>/dev/null || umount -l "$mp" || true
done
if awk '{print $5}' /proc/self/mountinfo | grep -qE '^/(snap|var/snap)(/|$)'; then
    echo "ERROR: something is still mounted under /snap or /var/snap; not deleting files" >&2
    exit 1
fi
# loop devices still backed by snap files (lazy unmount normally frees them)
losetup -a 2>/dev/null | grep '/var/lib/snapd/snaps/' | cut -d: -f1 | while read -r dev; do
    losetup -d "$dev" 2>/dev/null || true
done

# ------------------------------------------------------------------ 4. generated units, rules, policies
for unit in /etc/systemd/system/snap-*.mount /etc/systemd/system/snap.*.service \
            /etc/systemd/system/snap.*.timer /etc/systemd/system/snap.*.socket \
            /etc/systemd/system/snap.*.slice /run/systemd/system/snap-*.mount; do
    [ -e "$unit" ] || continue
    if grep -q -e '^What=/var/lib/snapd/snaps/' -e '^X-Snappy=yes' -e '^Description=Mount unit for ' "$unit"; then
        name=$(basename "$unit")
        rm -f "$unit" /etc/systemd/system/*.wants/"$name"
    fi
done
rmdir --ignore-fail-on-non-empty /etc/systemd/system/default.target.wants 2>/dev/null || true
rm -f /etc/udev/rules.d/70-snap.*.rules /etc/modules-load.d/snap.*.conf /etc/modprobe.d/snap.*.conf
rm -f /etc/dbus-1/system.d/snap.*.conf /usr/share/polkit-1/actions/snap.*.policy 2>/dev/null
rm -f /etc/systemd/user/snap.*.service /etc/systemd/user/snapd.session-agent.* 2>/dev/null

# ------------------------------------------------------------------ 5. snapd state (keep dpkg-owned dirs)
keep_file=$(mktemp)
dpkg -L snapd 2>/dev/null | grep -E '^/var/lib/snapd(/|$)' | sort -u > "$keep_file"
if [ -d /var/lib/snapd ]; then
    find /var/lib/snapd -mindepth 1 -depth -print0 | while IFS= read -r -d '' p; do
        grep -qxF -- "$p" "$keep_file" || rm -rf -- "$p"
    done
fi
rm -f "$keep_file"
rm -rf /var/cache/snapd/* 2>/dev/null
# /snap and /var/snap are dpkg-owned (empty) directories: empty them
find /snap /var/snap -mindepth 1 -maxdepth 1 -exec rm -rf -- {} + 2>/dev/null
rm -rf /run/snapd /tmp/snap-private-tmp 2>/dev/null
# freezer/pids cgroups snap-confine created for apps run by lab-run.sh (empty once the apps exited)
for cg in /sys/fs/cgroup/freezer/snap.*; do
    [ -d "$cg" ] && rmdir "$cg" 2>/dev/null
done
for s in $SNAP_NAMES; do
    rm -rf "/root/snap/$s" /home/*/snap/"$s" 2>/dev/null
done
rmdir /root/snap 2>/dev/null || true

# ------------------------------------------------------------------ 6. users and sudoers left by tests
# labuser: created by the recipe's capture-transcripts.sh. cdlab and the sudoers
# file: created by test/snapd's access tests, which remove them themselves; a
# killed run leaves them behind, and they go here. Only what a marker says we
# created is deleted.
# Servers the browser phase started and could not stop (killed run): the root server
# (playwright.config.ts records its pid) and cdlab's (test/snapd/e2e/support.ts records the
# runuser pids). End them and their children, by the recorded pid, before the user goes.
tree() { local p; for p in $(ps -o pid= --ppid "$1" 2>/dev/null); do tree "$p"; done; echo "$1"; }
if [ -f "$LAB/e2e-servers.pids" ]; then
    while read -r pid; do
        [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || continue
        cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline")
        case "$cmd" in "runuser "*scripts/start.mjs*|"node scripts/start.mjs"*) ;; *) continue ;; esac
        log "stopping the browser phase's server (pid $pid: $cmd)"
        pids=$(tree "$pid")
        kill -TERM $pids 2>/dev/null; sleep 2; kill -KILL $pids 2>/dev/null
    done < "$LAB/e2e-servers.pids"
    rm -f "$LAB/e2e-servers.pids"
fi
rm -rf "$LAB"/e2e-state-*   # the browser phase's server state directories
for u in labuser cdlab; do
    if [ -f "$LAB/created-$u" ]; then
        log "removing user $u"
        userdel -r "$u" 2>/dev/null || true
        rm -f "$LAB/created-$u"
    fi
done
rm -f /etc/sudoers.d/confinement-dashboard-snapd-lab

# ------------------------------------------------------------------ 7. the package's own snapd again
# lab-up.sh may have put another release's daemon and CLI in place (SNAPD_LAB_SUITE);
# leave the machine with the files its installed package owns.
# shellcheck source=lib/snapd-release.sh
. "$HERE/lib/snapd-release.sh"
# With the package's .deb already unpacked in the cache, compare file by file (a session killed
# while copying leaves `info` and the binaries disagreeing); otherwise `info` tells, and only
# then is the package fetched.
own_root=$(ls -d "$(snapd_release_cache)/$(snapd_release_own_suite)"/snapd_*.root 2>/dev/null | head -1)
if [ -n "$own_root" ] || { [ -f /usr/lib/snapd/info ] && ! grep -qxF "VERSION=$(dpkg-query -W -f='${Version}' snapd 2>/dev/null)" /usr/lib/snapd/info; }; then
    for f in $SNAPD_RELEASE_FILES; do
        if [ -z "$own_root" ] || ! cmp -s "$own_root/$f" "/$f"; then
            log "restoring the installed package's snapd daemon and CLI"
            snapd_release_select "$(snapd_release_own_suite)" >/dev/null || { echo "ERROR: cannot restore the package's snapd files" >&2; exit 1; }
            break
        fi
    done
fi
rm -f "$LAB/snapd-release"

# keep the previous run's logs next to the new ones
if [ -d "$LAB/log" ]; then
    rm -rf "$LAB/log.prev"
    mv "$LAB/log" "$LAB/log.prev"
fi
log "done: no snapd running, no snap mounted, /var/lib/snapd reset to the package's directories"
