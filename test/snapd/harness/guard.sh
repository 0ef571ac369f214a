# shellcheck shell=bash
# Sourced by every harness script before it touches anything.
#
# The lab starts its own snapd next to the host's /run/snapd.socket, mounts
# snaps and wipes /var/lib/snapd on teardown. That is only acceptable on a
# throw-away machine whose snapd is NOT managed by systemd. lab_guard refuses,
# with the reason, when:
#   - we are not root;
#   - PID 1 is systemd, or /run/systemd/system exists (sd_booted(3)'s test:
#     the host was booted with systemd, so snapd.socket may be live);
#   - systemctl reports snapd.service or snapd.socket active;
#   - a snapd process is running that this lab did not start (its pid is not
#     the one recorded in $LAB/snapd.pid).
# There is no switch to turn the guard off. SNAPD_LAB_GUARD_EXTRA_ROOT names a
# directory checked IN ADDITION to / (its proc/1/comm and run/systemd/system):
# the suite uses it to prove the refusal works; it can only add refusals.

lab_guard() {
    local lab="${1:?lab_guard LAB_DIR}" why=() root comm pid exe recorded
    if [ "$(id -u)" != 0 ]; then
        echo "snapd lab: refusing to run: must be root (uid is $(id -u)); the lab starts snapd and mounts snaps" >&2
        return 1
    fi
    for root in / ${SNAPD_LAB_GUARD_EXTRA_ROOT:+"$SNAPD_LAB_GUARD_EXTRA_ROOT"}; do
        comm=$(cat "${root%/}/proc/1/comm" 2>/dev/null || true)
        [ "$comm" = systemd ] && why+=("PID 1 is systemd (${root%/}/proc/1/comm)")
        [ -d "${root%/}/run/systemd/system" ] && why+=("${root%/}/run/systemd/system exists: this host was booted with systemd")
    done
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
        for unit in snapd.service snapd.socket; do
            if systemctl is-active --quiet "$unit" 2>/dev/null; then
                why+=("systemctl is-active $unit says active: the host's own snapd is running")
            fi
        done
    fi
    recorded=$(cat "$lab/snapd.pid" 2>/dev/null || true)
    for exe_link in /proc/[0-9]*/exe; do
        exe=$(readlink "$exe_link" 2>/dev/null) || continue
        case "$exe" in
            /usr/lib/snapd/snapd|/snap/snapd/*/usr/lib/snapd/snapd|/snap/core/*/usr/lib/snapd/snapd) ;;
            *) continue ;;
        esac
        pid=${exe_link#/proc/}; pid=${pid%/exe}
        [ "$pid" = "$recorded" ] && continue
        why+=("a snapd this lab did not start is running (pid $pid, $exe)")
    done
    if [ "${#why[@]}" -gt 0 ]; then
        echo "snapd lab: refusing to run: this looks like a real host's snapd, which the lab must never touch:" >&2
        printf '  - %s\n' "${why[@]}" >&2
        echo "The lab is for throw-away machines without systemd (see test/snapd/README.md)." >&2
        return 1
    fi
    return 0
}
