# shellcheck shell=bash
# Sourced by lab-up.sh. Puts the snapd daemon and CLI of one Debian release in place
# before the lab starts, so that the same lab runs against several snapd releases:
#
#   bookworm (the machine's own suite): the installed package, snapd 2.57
#   trixie:  Debian 13's snapd 2.68, whose `snap` and `snapd` need only libc
#
# Each release's .deb is fetched once with `apt-get download` and kept in
# $SNAPD_LAB_CACHE (default /var/cache/confinement-dashboard-snapd-lab; outside the
# checkout, never committed), unpacked there with `dpkg -x`, and its daemon and CLI
# files are copied over the installed package's. The machine's apt sources are never
# changed: a release other than the machine's own is fetched through a temporary
# sources list (own Dir::State and Dir::Cache) built from the machine's own apt
# configuration: the URIs of the archive that serves the machine's suite, with only
# the suite changed. No archive address is written into the project.
#
# Files copied: the daemon, the CLI and snap-seccomp (measured: bookworm's snap-seccomp
# cannot compile 2.68's profiles, `cannot parse token "KCMP_FILE"`, so no snap installs;
# trixie's needs only libc and bookworm's libseccomp). snap-confine, snap-update-ns and
# snap-exec stay bookworm's: trixie's snap-confine needs glibc 2.38 (Debian 12 has 2.36).
SNAPD_RELEASE_FILES="usr/bin/snap usr/lib/snapd/snapd usr/lib/snapd/snap-seccomp usr/lib/snapd/info"

snapd_release_cache() { echo "${SNAPD_LAB_CACHE:-/var/cache/confinement-dashboard-snapd-lab}"; }

# The machine's own suite (bookworm on Debian 12).
snapd_release_own_suite() {
    . /etc/os-release && echo "${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}"
}

# snapd_release_deb SUITE: prints the path of the cached snapd .deb of SUITE,
# downloading it first when the cache has none. Fails loudly (non-zero, with why).
snapd_release_deb() {
    local suite="$1" cache own deb tmp uris n
    cache="$(snapd_release_cache)/$suite"
    mkdir -p "$cache"
    deb=$(ls "$cache"/snapd_*.deb 2>/dev/null | head -1)
    if [ -n "$deb" ]; then echo "$deb"; return 0; fi
    own=$(snapd_release_own_suite)
    if [ "$suite" = "$own" ]; then
        # The installed package, from the machine's own sources, as any admin would.
        (cd "$cache" && apt-get -o APT::Sandbox::User=root download -q "snapd=$(dpkg-query -W -f='${Version}' snapd)") >&2 || {
            echo "snapd-release: cannot download snapd $(dpkg-query -W -f='${Version}' snapd) for $suite" >&2; return 1; }
    else
        # The archive URIs that serve the machine's own suite, from apt itself (deb822 or
        # one-line sources alike); only the suite is changed.
        uris=$(apt-get indextargets --no-release-info --format '$(TARGET_OF) $(IDENTIFIER) $(RELEASE) $(REPO_URI)' \
            | awk -v s="$own" '$1 == "deb" && $2 == "Packages" && $3 == s { print $4 }' | sort -u)
        if [ -z "$uris" ]; then
            echo "snapd-release: no apt source of this machine serves its suite '$own'; cannot derive one for '$suite'" >&2
            return 1
        fi
        tmp=$(mktemp -d /tmp/snapd-release-apt.XXXXXX)
        mkdir -p "$tmp/state/lists/partial" "$tmp/cache/archives/partial" "$tmp/parts"
        : > "$tmp/status"
        for u in $uris; do echo "deb $u $suite main"; done > "$tmp/sources.list"
        local opts=(-q -o "Dir::Etc::SourceList=$tmp/sources.list" -o "Dir::Etc::SourceParts=$tmp/parts"
                    -o "Dir::State=$tmp/state" -o "Dir::State::status=$tmp/status" -o "Dir::Cache=$tmp/cache"
                    -o "APT::Architecture=$(dpkg --print-architecture)" -o APT::Sandbox::User=root)
        echo "snapd-release: fetching snapd from $suite ($(echo $uris))" >&2
        if ! apt-get "${opts[@]}" update >&2 || ! (cd "$cache" && apt-get "${opts[@]}" download snapd) >&2; then
            rm -rf "$tmp"
            echo "snapd-release: cannot fetch snapd from $suite" >&2
            return 1
        fi
        rm -rf "$tmp"
    fi
    deb=$(ls "$cache"/snapd_*.deb 2>/dev/null | head -1)
    [ -n "$deb" ] || { echo "snapd-release: apt-get download left no snapd .deb in $cache" >&2; return 1; }
    echo "$deb"
}

# snapd_release_select SUITE: copies SUITE's daemon and CLI over the installed ones
# (only what differs), then checks that the CLI reports the .deb's upstream version.
# Call only while no lab snapd runs. Prints the upstream version (e.g. 2.68.3).
snapd_release_select() {
    local suite="$1" deb root version f
    deb=$(snapd_release_deb "$suite") || return 1
    version=$(dpkg-deb -f "$deb" Version) || { echo "snapd-release: $deb is not a .deb" >&2; return 1; }
    root="${deb%.deb}.root"
    if [ ! -x "$root/usr/lib/snapd/snapd" ]; then
        rm -rf "$root" && mkdir -p "$root" && dpkg -x "$deb" "$root" || {
            echo "snapd-release: dpkg -x $deb failed" >&2; return 1; }
    fi
    for f in $SNAPD_RELEASE_FILES; do
        [ -e "$root/$f" ] || { echo "snapd-release: $deb has no /$f" >&2; return 1; }
        cmp -s "$root/$f" "/$f" && continue
        # install(1) writes a new inode, so a process still running the old binary is not hurt
        install -m "$(stat -c %a "$root/$f")" "$root/$f" "/$f" || return 1
    done
    # The CLI must run here (libc only). (`snap version` would ask the daemon, which is not
    # running yet: the client retries for 25 s. lab-up.sh checks the daemon's version.)
    if ! SNAP_REEXEC=0 /usr/bin/snap help >/dev/null 2>&1; then
        echo "snapd-release: $suite's /usr/bin/snap does not run on this machine" >&2
        return 1
    fi
    echo "${version%%-*}"
}
