#!/bin/bash
# Build the fixture snaps used by the snapd lab, with `snap pack` (which runs
# mksquashfs).  Output: $OUT/<name>.snap  (default OUT=$SNAPD_LAB_DIR/fixtures).
#
#   snapd                 type: snapd  -> the system snap; carries the implicit
#                                         system slots (:network, :home, ...)
#   core                  type: os     -> alternative system snap (not installed
#                                         unless SNAPD_LAB_SYSTEM_SNAP=core)
#   core20, core22        type: base   -> bases (a tiny root fs; with
#                                         busybox-static if installed, so apps run)
#   microk8s              strict, base core20; plugs/slots/apps copied from the
#                         MicroK8s strict-confinement snapcraft.yaml
#                         (canonical/microk8s build-scripts/patches/strict/0001-Strict.patch).
#                         Left out on purpose: its hooks (snapd could not run them
#                         here, see README), `layout:` (would create dirs in the host
#                         /etc when an app runs) and `system-usernames` (would add
#                         a host user).
#   lab-config-provider   strict, base core22; offers a content slot
#                         `configuration` (content: configuration) that
#                         microk8s:configuration plugs
#   lab-classic           classic confinement, base core22
#   lab-devmode           devmode confinement, base core22; plugs the content
#                         slot microk8s:microk8s and network-observe
#   lab-denials           strict, base core22; apps that make syscalls the
#                         default seccomp profile denies, to produce real
#                         "audit: type=1326" kernel log lines (run them with
#                         lab-run.sh)
#
# Usage: build-fixtures.sh [OUT_DIR]
set -euo pipefail

LAB="${SNAPD_LAB_DIR:-/tmp/snapd-lab}"
OUT="${1:-$LAB/fixtures}"
SRC="$LAB/fixtures-src"
rm -rf "$SRC"
mkdir -p "$SRC" "$OUT"

# If Debian's busybox-static is installed, put it into the bases so that
# strictly confined apps have a /bin/sh (only matters where snap-confine can run).
BUSYBOX=""
if dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed'; then
    BUSYBOX=/bin/busybox
fi

write() { # write FILE (content on stdin), creating parent dirs
    mkdir -p "$(dirname "$1")"
    cat > "$1"
}

write_exe() { # write_exe FILE (content on stdin), executable
    write "$1"
    chmod 0755 "$1"
}

# ---------------------------------------------------------------- snapd (type: snapd)
d="$SRC/snapd"
write "$d/meta/snap.yaml" <<'EOF'
name: snapd
version: 2.57.6
summary: Daemon and tooling that enable snap packages (lab fixture)
description: |
  Fixture for the snapd lab: a snap of type snapd, so that snapd has a system
  snap to hang the implicit slots on. It deliberately contains no
  usr/lib/snapd/snapd binary, so nothing re-executes into it.
type: snapd
grade: stable
confinement: strict
EOF
mkdir -p "$d/usr/lib/snapd" "$d/usr/bin"
# `snap pack` runs the system snap's own mksquashfs once a snapd snap is installed, as the
# real snapd snap ships one: snapd 2.68 execs /snap/snapd/current/usr/bin/mksquashfs
# directly (and fails when it is missing); 2.57 starts it through the snap's own ELF
# interpreter, /snap/snapd/current/lib64/ld-linux-x86-64.so.2, and falls back to the host's
# mksquashfs only when the snap has none. So: the host's mksquashfs (an absolute link,
# resolved on the host when 2.68 execs it) and a copy of the host's interpreter (2.57
# resolves an absolute link there inside the snap, where it would point at itself).
ln -sfn /usr/bin/mksquashfs "$d/usr/bin/mksquashfs"
interp=$(ldd /usr/bin/mksquashfs | awk '$1 ~ /^\/.*ld-linux/ { print $1 }')
[ -n "$interp" ] || { echo "build-fixtures: cannot read the ELF interpreter of /usr/bin/mksquashfs" >&2; exit 1; }
mkdir -p "$d$(dirname "$interp")"
cp -L "$interp" "$d$interp"

# ---------------------------------------------------------------- core (type: os)
# Alternative system snap (SNAPD_LAB_SYSTEM_SNAP=core): older hosts carry the
# implicit slots on `core` instead of `snapd`; the API then names the slot snap
# "core".
d="$SRC/core"
write "$d/meta/snap.yaml" <<'EOF2'
name: core
version: 16-2.57.6
summary: snapd runtime environment (lab fixture)
description: |
  Fixture for the snapd lab: a snap of type os. Contains no snapd binaries.
type: os
grade: stable
confinement: strict
EOF2
mkdir -p "$d/usr/lib/snapd"

# ---------------------------------------------------------------- bases
make_base() { # make_base NAME VERSION
    local b="$SRC/$1"
    write "$b/meta/snap.yaml" <<EOF
name: $1
version: "$2"
summary: Runtime environment based on a tiny root file system (lab fixture)
description: Minimal base snap fixture for the snapd lab.
type: base
grade: stable
confinement: strict
EOF
    # every directory snap-confine bind-mounts into / expects to exist in a base
    for p in bin dev etc home lib lib64 lib/modules lib/firmware media mnt proc root run run/netns \
             sbin snap sys tmp usr/bin usr/lib usr/lib/snapd usr/sbin usr/share usr/src \
             var/cache var/lib var/lib/snapd var/lib/snapd/hostfs var/lib/extrausers var/log var/snap var/tmp writable; do
        mkdir -p "$b/$p"
    done
    if [ -n "$BUSYBOX" ]; then
        cp "$BUSYBOX" "$b/usr/bin/busybox"
        for t in sh cat echo env ls id printf sleep true false grep sed head tail tr cut date uname test mkdir rm cp mv wc; do
            ln -sf busybox "$b/usr/bin/$t"
        done
        ln -sf ../usr/bin/busybox "$b/bin/busybox"
        ln -sf ../usr/bin/busybox "$b/bin/sh"
    fi
}
make_base core20 20240111
make_base core22 20240111

# ---------------------------------------------------------------- microk8s (strict)
d="$SRC/microk8s"
write "$d/meta/snap.yaml" <<'EOF'
name: microk8s
version: v1.28.3
summary: Kubernetes for workstations and appliances
description: |-
  Lab fixture that mirrors the interface surface (plugs, slots, apps, daemons)
  of the strictly confined MicroK8s snap. The apps are shell scripts.
license: Apache-2.0
grade: stable
confinement: strict
base: core20
assumes: [snapd2.52]
architectures: [amd64]
apps:
  microk8s:
    command: microk8s.wrapper
    plugs: [account-control, docker-unprivileged, dot-config-helm, dot-kube, firewall-control,
            home-read-all, home, kernel-module-observe, kubernetes-support, login-session-observe,
            log-observe, mount-observe, network, network-control, network-observe, opengl,
            system-observe]
  daemon-etcd:
    command: bin/daemon
    daemon: simple
    install-mode: disable
    plugs: [network-bind]
  daemon-flanneld:
    command: bin/daemon
    daemon: simple
    install-mode: disable
    plugs: [network-bind, network-control, firewall-control]
  daemon-containerd:
    command: bin/daemon
    daemon: simple
    stop-mode: sigterm
    restart-condition: always
    start-timeout: 5m
    install-mode: disable
    plugs: [k8s-journald, network-bind, docker-privileged, firewall-control, network-control,
            mount-observe, kubernetes-support, opengl, cifs-mount, fuse-support, kernel-crypto-api]
  daemon-kubelite:
    command: bin/daemon
    daemon: simple
    after: [daemon-containerd]
    install-mode: disable
    plugs: [dot-kube, docker-privileged, firewall-control, hardware-observe, kubernetes-support,
            mount-observe, network-bind, network-observe, network-control, process-control,
            system-observe, opengl, kernel-module-observe]
  daemon-apiserver-kicker:
    command: bin/daemon
    daemon: simple
    install-mode: disable
    plugs: [kernel-module-control, network-bind, network-observe, network-control, k8s-journald,
            kubernetes-support]
  daemon-apiserver-proxy:
    command: bin/daemon
    daemon: simple
    install-mode: disable
    plugs: [network-bind, network-observe, network-control]
  daemon-cluster-agent:
    command: bin/daemon
    daemon: simple
    install-mode: disable
    plugs: [mount-observe, network-bind, network-observe, network-control]
  daemon-k8s-dqlite:
    command: bin/daemon
    daemon: simple
    install-mode: disable
    plugs: [network-bind, docker-privileged, firewall-control, k8s-journald, network-control]
  dashboard-proxy:
    command: bin/tool
    plugs: [network-bind, network-control, network-observe, firewall-control, k8s-kubeproxy,
            kernel-module-observe, mount-observe, system-observe]
  kubectl:
    command: bin/tool
    plugs: [docker-unprivileged, dot-kube, network, home-read-all, firewall-control, network-bind,
            k8s-kubelet, hardware-observe, mount-observe, network-control, process-control,
            system-observe]
  add-node:
    command: bin/tool
    plugs: [network, network-bind, network-observe, mount-observe]
  addons:
    command: bin/tool
    plugs: [home-read-all]
  refresh-certs:
    command: bin/tool
  images:
    command: bin/tool
  join:
    command: bin/tool
    plugs: [network, mount-observe]
  remove-node:
    command: bin/tool
    plugs: [network, network-bind, network-observe, mount-observe]
  leave:
    command: bin/tool
    plugs: [network, network-bind, network-observe, mount-observe]
  ctr:
    command: bin/tool
    plugs: [dot-kube, home-read-all, firewall-control, network-bind, k8s-kubelet, hardware-observe,
            mount-observe, network-control, process-control, system-observe]
  inspect:
    command: bin/tool
    plugs: [network-observe, kubernetes-support, kernel-module-observe, login-session-observe,
            system-observe, mount-observe, log-observe, firewall-control]
  enable:
    command: bin/tool
    plugs: [home-read-all, home, dot-kube, dot-config-helm, network, network-control,
            kernel-module-observe, kubernetes-support, opengl]
  disable:
    command: bin/tool
    plugs: [home-read-all, home, dot-kube, dot-config-helm, network, network-control,
            kernel-module-observe, kubernetes-support, opengl]
  start:
    command: bin/tool
    plugs: [network]
  stop:
    command: bin/tool
    plugs: [network]
  status:
    command: bin/tool
    plugs: [network]
  config:
    command: bin/tool
    plugs: [network-observe]
  reset:
    command: bin/tool
    plugs: [account-control, home, mount-observe, network-control, network]
  istioctl:
    command: bin/tool
    plugs: [network]
  linkerd:
    command: bin/tool
    plugs: [network]
  helm:
    command: bin/tool
    plugs: [home-read-all, home, dot-kube, dot-config-helm, kubernetes-support, network]
  helm3:
    command: bin/tool
    plugs: [home-read-all, home, dot-kube, dot-config-helm, kubernetes-support, network,
            network-bind, network-control, firewall-control]
  dbctl:
    command: bin/tool
    plugs: [home-read-all, home, kubernetes-support]
  version:
    command: bin/tool
plugs:
  home-read-all:
    interface: home
    read: all
  docker-privileged:
    interface: docker-support
    privileged-containers: true
  docker-unprivileged:
    interface: docker-support
    privileged-containers: false
  k8s-kubelet:
    interface: kubernetes-support
    flavor: kubelet
  k8s-kubeproxy:
    interface: kubernetes-support
    flavor: kubeproxy
  k8s-journald:
    interface: kubernetes-support
    flavor: autobind-unix
  dot-kube:
    interface: personal-files
    write:
      - $HOME/.kube
  dot-config-helm:
    interface: personal-files
    write:
      - $HOME/.config/helm
  configuration:
    interface: content
    content: configuration
    target: $SNAP/content-interface
  ceph-conf:
    interface: content
    target: $SNAP/microceph
slots:
  microk8s:
    interface: content
    content: microk8s
    source:
      read:
        - $SNAP_DATA/credentials
EOF
# The real microk8s wrapper prints a lot more; this fixture answers just enough
# for `microk8s status` / `microk8s addons` style calls to be exercised.
write_exe "$d/microk8s.wrapper" <<'EOF'
#!/bin/sh
case "$1" in
  version) echo "MicroK8s v1.28.3 revision lab-fixture" ;;
  status)  echo "microk8s is not running. Use microk8s inspect for a deeper inspection."; exit 1 ;;
  *)       echo "microk8s lab fixture: $*" ;;
esac
EOF
write_exe "$d/bin/tool" <<'EOF'
#!/bin/sh
echo "microk8s lab fixture tool: $0 $*"
EOF
write_exe "$d/bin/daemon" <<'EOF'
#!/bin/sh
echo "microk8s lab fixture daemon $SNAP_NAME started"
while true; do sleep 3600; done
EOF
mkdir -p "$d/content-interface" "$d/microceph"

# ---------------------------------------------------------------- lab-config-provider (content slot)
d="$SRC/lab-config-provider"
write "$d/meta/snap.yaml" <<'EOF'
name: lab-config-provider
version: "1.0"
summary: Offers a content slot that microk8s:configuration plugs (lab fixture)
description: Lab fixture; shares $SNAP/configuration via the content interface.
grade: stable
confinement: strict
base: core22
apps:
  show:
    command: bin/show
    plugs: [network]
slots:
  configuration:
    interface: content
    content: configuration
    read:
      - $SNAP/configuration
EOF
write_exe "$d/bin/show" <<'EOF'
#!/bin/sh
ls "$SNAP/configuration"
EOF
write "$d/configuration/launcher/configuration/10-lab.yaml" <<'EOF'
version: 0.1.0
addons:
  - name: dns
EOF

# ---------------------------------------------------------------- lab-classic
d="$SRC/lab-classic"
write "$d/meta/snap.yaml" <<'EOF'
name: lab-classic
version: "1.0"
summary: Classic-confined lab fixture
description: Lab fixture with classic confinement (no sandbox, no plugs).
grade: stable
confinement: classic
base: core22
apps:
  lab-classic:
    command: bin/hello
EOF
write_exe "$d/bin/hello" <<'EOF'
#!/bin/sh
echo "hello from lab-classic (classic confinement)"
EOF

# ---------------------------------------------------------------- lab-devmode
d="$SRC/lab-devmode"
write "$d/meta/snap.yaml" <<'EOF'
name: lab-devmode
version: "0.1"
summary: Devmode lab fixture
description: Lab fixture with devmode confinement that plugs the microk8s content slot.
grade: devel
confinement: devmode
base: core22
apps:
  lab-devmode:
    command: bin/hello
    plugs: [network, network-observe, microk8s]
plugs:
  microk8s:
    interface: content
    content: microk8s
    target: $SNAP_DATA/microk8s
EOF
write_exe "$d/bin/hello" <<'EOF'
#!/bin/sh
echo "hello from lab-devmode (devmode confinement)"
EOF

# ---------------------------------------------------------------- lab-denials
d="$SRC/lab-denials"
write "$d/meta/snap.yaml" <<'EOF'
name: lab-denials
version: "0.1"
summary: Triggers seccomp denials (lab fixture)
description: |
  Lab fixture. Each app makes a syscall that the default seccomp template of a
  strictly confined snap denies with EPERM; the kernel logs it as
  "audit: type=1326 ... syscall=N ... code=0x50000".
grade: stable
confinement: strict
base: core22
apps:
  unshare:
    command: bin/unshare
  mount:
    command: bin/mount
EOF
write_exe "$d/bin/unshare" <<'EOF'
#!/bin/sh
# unshare(2) = syscall 272 on x86_64
busybox unshare -m /bin/sh -c true
echo "unshare exit status: $?"
EOF
write_exe "$d/bin/mount" <<'EOF'
#!/bin/sh
# mount(2) = syscall 165 on x86_64
busybox mount -t tmpfs none "$SNAP_DATA"
echo "mount exit status: $?"
EOF

# ---------------------------------------------------------------- pack
for s in snapd core core20 core22 microk8s lab-config-provider lab-classic lab-devmode lab-denials; do
    snap pack "$SRC/$s" "$OUT" --filename="$s.snap" >/dev/null
done
ls -la "$OUT"
