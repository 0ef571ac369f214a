/**
 * Plain-language explanations of snap interfaces, for an admin deciding whether
 * to click "Connect". Pure data: no I/O, safe to import in the browser.
 *
 * Sources (facts are taken from these, not from memory):
 * - `grants`: snapd 2.76.3 plug-side policy as tabulated in
 *   /work/shared/reference/denial-policy.{md,json} (AppArmor file rules,
 *   capabilities, network rules, seccomp syscalls of `interfaces/builtin/*.go`).
 *   Interfaces whose plug side is D-Bus rules or paths taken from plug/slot
 *   attributes, which that table does not list (dbus, content, personal-files,
 *   system-files, serial-port, gpio, spi, hidraw, password-manager-service,
 *   upower-observe, shutdown, ...), are described from snapd's own summary
 *   (`snap interface --all`,
 *   /work/shared/snapd-lab/transcripts/cli/11-snap-interface-all.stdout) and the
 *   attribute checks compiled into snapd (e.g. kernel-module-load "name"/"load"/
 *   "options", mount-control "where").
 * - `superPrivileged`: the plug-side base declaration (`allow-installation: false`)
 *   read from the snapd 2.57.6 binary of the lab host (/usr/lib/snapd/snapd,
 *   Debian 12), cross-checked with snap-reference.md §4.4 and with
 *   denial-policy.json (2.76.3), where "candidates" are exactly the interfaces an
 *   ordinary snap may plug. Interfaces newer than 2.57.6 (nvidia-drivers-support)
 *   follow denial-policy.json only.
 * - `autoConnect`: the same base declaration (`deny-auto-connection`), confirmed by
 *   the lab's fresh install of the strict MicroK8s snap
 *   (transcripts/cli/05-snap-connections-all.stdout: only home, network,
 *   network-bind and opengl connected by themselves, on a classic host).
 * - MicroK8s plug list: snap-reference.md §5.3 (canonical/microk8s 1.31-strict).
 *
 * A store snap-declaration can grant installation or auto-connection to one snap
 * in particular; these fields describe snapd's defaults for any snap.
 */

export type InterfaceRisk = 'low' | 'medium' | 'high' | 'critical';

export interface InterfaceInfo {
  name: string;
  /** Short human title, e.g. "Read system logs". */
  title: string;
  /** One or two plain sentences: what connecting lets the snap do. */
  grants: string;
  /**
   * critical = equivalent to root / escapes confinement; high = broad control of
   * the host; medium = reads sensitive host state; low = benign.
   */
  risk: InterfaceRisk;
  /** Why this risk level, one sentence. */
  riskReason: string;
  /** snapd's base declaration forbids the plug for ordinary store snaps (`allow-installation: false`). */
  superPrivileged: boolean;
  /**
   * snapd's base declaration lets it connect by itself (no `deny-auto-connection`),
   * judged for a classic (non Ubuntu Core) system and default plug attributes;
   * see `autoConnectCondition` when that depends on the system or attributes.
   */
  autoConnect: boolean;
  /** When auto-connection depends on the system or on plug attributes, the rule in words. */
  autoConnectCondition?: string;
  /**
   * true only for the fallback `describeInterface` builds for interfaces this
   * module does not know: the text is snapd's generic summary, not a curated
   * explanation, and risk/superPrivileged/autoConnect are guesses.
   */
  generic?: boolean;
}

type Entry = Omit<InterfaceInfo, 'name' | 'generic'>;

const ENTRIES: Record<string, Entry> = {
  // ---------------------------------------------------------------- root-equivalent
  'docker-support': {
    title: 'Run a container engine (Docker)',
    grants:
      'Lets the snap operate as the Docker/containerd/runc daemon: mount filesystems, create namespaces, use every device under /dev, manage cgroups and load AppArmor profiles (/sys/kernel/security/apparmor/.replace). With privileged-containers: true it can also run containers without any confinement.',
    risk: 'critical',
    riskReason: 'A container engine with these rights can start a privileged container that takes over the host, so this is equivalent to giving the snap root.',
    superPrivileged: true,
    autoConnect: false,
  },
  'kubernetes-support': {
    title: 'Run Kubernetes node services',
    grants:
      "Lets the snap run kubelet and kube-proxy: mount filesystems, enter and create namespaces (setns, unshare), manage pod cgroups, talk to systemd's private socket (/run/systemd/private) and start units with systemd-run, with CAP_SYS_ADMIN, CAP_NET_ADMIN, CAP_SYS_PTRACE and CAP_DAC_OVERRIDE.",
    risk: 'critical',
    riskReason: 'The kubelet can start privileged pods and systemd units on the host, which amounts to root on the node.',
    superPrivileged: true,
    autoConnect: false,
  },
  'kernel-module-control': {
    title: 'Load and unload kernel modules',
    grants:
      'Lets the snap insert and remove kernel modules (init_module, finit_module, delete_module with CAP_SYS_MODULE), query loaded modules and read /dev/mem.',
    risk: 'critical',
    riskReason: 'Code loaded into the kernel runs with no confinement at all.',
    superPrivileged: true,
    autoConnect: false,
  },
  'snapd-control': {
    title: 'Manage snaps through snapd',
    grants:
      "Lets the snap use snapd's API socket (/run/snapd.socket) to install, remove and refresh snaps, connect interfaces and change system settings.",
    risk: 'critical',
    riskReason: 'It can install a classic or devmode snap or connect any interface to itself, which is equivalent to root.',
    superPrivileged: true,
    autoConnect: false,
  },
  'system-files': {
    title: 'Access specific system files',
    grants:
      'Lets the snap read, or with write: also change, the specific host paths outside its sandbox that the plug lists (for example files under /etc).',
    risk: 'critical',
    riskReason: 'The publisher picks the paths, and write access to system files amounts to root, so the store must approve every use.',
    superPrivileged: true,
    autoConnect: false,
  },
  'classic-support': {
    title: 'Run a classic Ubuntu environment',
    grants:
      'Lets the snap (the "classic" snap on Ubuntu Core) run sudo and systemctl unconfined, chroot, mount filesystems and change file ownership, with CAP_SYS_ADMIN, CAP_DAC_OVERRIDE and CAP_CHOWN.',
    risk: 'critical',
    riskReason: 'It can run commands as root outside confinement.',
    superPrivileged: true,
    autoConnect: false,
  },
  'lxd-support': {
    title: 'Run the LXD container manager',
    grants:
      'Lets the snap operate as the LXD daemon, including starting programs unconfined through aa-exec and reading any AppArmor label in /proc.',
    risk: 'critical',
    riskReason: 'Being allowed to run programs unconfined means the snap is effectively not confined.',
    superPrivileged: true,
    autoConnect: false,
  },
  lxd: {
    title: 'Use the LXD API',
    grants: "Lets the snap talk to LXD's API socket (/var/snap/lxd/common/lxd/unix.socket) to create and manage containers and virtual machines.",
    risk: 'critical',
    riskReason: 'Full LXD API access can create a privileged container with the host filesystem mounted, which is root-equivalent.',
    superPrivileged: false,
    autoConnect: false,
  },
  docker: {
    title: 'Use the Docker API',
    grants: "Lets the snap talk to the Docker daemon's socket (/run/docker.sock) to run and manage containers.",
    risk: 'critical',
    riskReason: 'Whoever can use the Docker socket can start a privileged container that mounts the host root filesystem, which is root-equivalent.',
    superPrivileged: false,
    autoConnect: false,
  },
  'multipass-support': {
    title: 'Run the Multipass VM manager',
    grants:
      'Lets the snap operate as Multipass: load and remove AppArmor profiles (apparmor_parser, /sys/kernel/security/apparmor/.replace and .remove) and change users, groups and file ownership (CAP_MAC_ADMIN, CAP_SETUID, CAP_SETGID, CAP_CHOWN).',
    risk: 'critical',
    riskReason: 'A snap that can rewrite AppArmor policy can lift its own confinement.',
    superPrivileged: true,
    autoConnect: false,
  },
  'microstack-support': {
    title: 'Run an OpenStack cloud (MicroStack)',
    grants:
      'Lets the snap run virtual machines and their storage and networking: vhost, VFIO and /dev/sev devices, device-mapper and LVM, loop and nbd devices, iSCSI, PCI driver binding and AppArmor profile loading, with CAP_DAC_OVERRIDE, CAP_MAC_ADMIN and CAP_MKNOD.',
    risk: 'critical',
    riskReason: 'Control of disks, PCI devices and AppArmor policy together is equivalent to root.',
    superPrivileged: true,
    autoConnect: false,
  },
  'greengrass-support': {
    title: 'Run AWS IoT Greengrass',
    grants:
      'Lets the snap run AWS IoT Greengrass and its Lambda containers: mount, pivot_root, create namespaces, use loop devices and cgroups, with CAP_SYS_ADMIN, CAP_DAC_OVERRIDE, CAP_SETUID and CAP_SYS_PTRACE among others.',
    risk: 'critical',
    riskReason: 'These are the rights of a container runtime, which can take over the host.',
    superPrivileged: true,
    autoConnect: false,
  },
  'block-devices': {
    title: 'Read and write raw disks',
    grants:
      'Lets the snap read and write whole disks and partitions (/dev/sd*, /dev/nvme*, /dev/vd*, /dev/mmcblk*, loop devices, ZFS) and format them (mke2fs, mkfs.fat), with CAP_SYS_ADMIN and CAP_SYS_RAWIO.',
    risk: 'critical',
    riskReason: 'Raw write access to the system disk can change any file, including the operating system itself.',
    superPrivileged: true,
    autoConnect: false,
  },
  'physical-memory-control': {
    title: 'Read and write physical memory',
    grants: 'Lets the snap read and write all physical memory through /dev/mem, with CAP_SYS_RAWIO.',
    risk: 'critical',
    riskReason: 'Writing physical memory can modify the running kernel, which defeats every form of confinement.',
    superPrivileged: false,
    autoConnect: false,
  },
  'packagekit-control': {
    title: 'Install host packages (PackageKit)',
    grants: 'Lets the snap ask the PackageKit service to install, update and remove packages of the host system.',
    risk: 'critical',
    riskReason: 'Installing arbitrary host packages runs their scripts as root.',
    superPrivileged: true,
    autoConnect: false,
  },
  libvirt: {
    title: 'Manage virtual machines (libvirt)',
    grants: "Lets the snap use libvirt's read-write API socket (/run/libvirt/libvirt-sock) to create and manage virtual machines.",
    risk: 'critical',
    riskReason: 'Read-write libvirt access can give a VM the host disks or devices, which is root-equivalent.',
    superPrivileged: false,
    autoConnect: false,
  },

  // ---------------------------------------------------------------- broad host control
  'network-control': {
    title: 'Configure host networking',
    grants:
      'Lets the snap reconfigure the host network: interfaces, routes, bridges, tun/tap devices, network namespaces (/run/netns), DNS (/run/resolvconf, /etc/hosts) and Wi-Fi (wpa_supplicant), using raw and packet sockets with CAP_NET_ADMIN, CAP_NET_RAW and CAP_SYS_ADMIN.',
    risk: 'high',
    riskReason: "It can redirect, capture or cut off all of the machine's network traffic.",
    superPrivileged: false,
    autoConnect: false,
  },
  'firewall-control': {
    title: 'Change the firewall',
    grants:
      'Lets the snap change the host firewall (iptables, ip6tables and the xtables tools), netfilter settings and network sysctls such as IP forwarding, with CAP_NET_ADMIN and raw sockets.',
    risk: 'high',
    riskReason: 'It can open any port or forward traffic through the host, or block all connections.',
    superPrivileged: false,
    autoConnect: false,
  },
  'process-control': {
    title: 'Control other processes',
    grants:
      'Lets the snap signal, kill, renice and change CPU affinity and scheduling of any process (CAP_KILL, CAP_SYS_NICE, CAP_SYS_RESOURCE; setpriority, sched_setaffinity, sched_setattr; kill, pkill, renice, taskset).',
    risk: 'high',
    riskReason: 'It can stop or starve any process on the host, including system services.',
    superPrivileged: false,
    autoConnect: false,
  },
  'mount-control': {
    title: 'Mount filesystems',
    grants:
      'Lets the snap mount and unmount filesystems (mount, umount2), limited to the mount points, filesystem types and options the plug declares.',
    risk: 'high',
    riskReason: 'Mounting over paths can change what the snap and its services see, so the store must approve the exact mounts.',
    superPrivileged: true,
    autoConnect: false,
  },
  'personal-files': {
    title: 'Access specific files in your home',
    grants:
      'Lets the snap read, or with write: also change, the specific files or folders in home directories that the plug lists, usually hidden ones such as $HOME/.kube or $HOME/.config/helm.',
    risk: 'high',
    riskReason: 'The publisher picks the paths, which can include credentials or shell start-up files, so the store must approve every use.',
    superPrivileged: true,
    autoConnect: false,
  },
  'steam-support': {
    title: 'Run Steam game containers',
    grants: "Lets the snap set up Steam's pressure-vessel containers for games.",
    risk: 'high',
    riskReason: 'Building containers needs namespace and mount rights that snapd keeps from ordinary snaps.',
    superPrivileged: true,
    autoConnect: false,
  },
  'account-control': {
    title: 'Manage user accounts',
    grants:
      'Lets the snap add, change and delete non-system user accounts and their passwords (useradd, userdel, chpasswd on /var/lib/extrausers) and change file ownership (CAP_CHOWN, CAP_FSETID).',
    risk: 'high',
    riskReason: 'Creating an account or setting a password can give someone a login on the machine.',
    superPrivileged: false,
    autoConnect: false,
  },
  'system-trace': {
    title: 'Trace the kernel',
    grants:
      'Lets the snap use kernel tracing: eBPF (bpf), perf events (perf_event_open), kprobes and ftrace (/sys/kernel/tracing), with CAP_SYS_ADMIN.',
    risk: 'high',
    riskReason: 'Tracing can watch everything the kernel and other processes do, including the data they pass through system calls.',
    superPrivileged: false,
    autoConnect: false,
  },
  'system-backup': {
    title: 'Read the whole filesystem for backups',
    grants:
      "Lets the snap read every file of the host's filesystem outside /dev, /proc and /sys (directly and through /var/lib/snapd/hostfs), regardless of file permissions (CAP_DAC_READ_SEARCH).",
    risk: 'high',
    riskReason: 'Read access to everything includes password hashes, private keys and other users\' data.',
    superPrivileged: false,
    autoConnect: false,
  },
  'physical-memory-observe': {
    title: 'Read physical memory',
    grants: 'Lets the snap read physical memory through /dev/mem and the page maps of processes (/proc/*/pagemap).',
    risk: 'high',
    riskReason: 'Memory can hold the passwords and keys of every process and of the kernel.',
    superPrivileged: false,
    autoConnect: false,
  },
  'raw-volume': {
    title: 'Read and write one disk partition',
    grants: 'Lets the snap read, write and format one specific disk partition that the slot names (for example /dev/sda3), with CAP_SYS_ADMIN.',
    risk: 'high',
    riskReason: 'File permissions on that partition no longer apply, and if it is a system partition that is the whole OS.',
    superPrivileged: false,
    autoConnect: false,
  },
  'network-setup-control': {
    title: 'Change network configuration files',
    grants:
      "Lets the snap rewrite the host's network configuration (/etc/netplan, /etc/network, /etc/systemd/network) and apply it with netplan.",
    risk: 'high',
    riskReason: 'A bad or malicious configuration can cut the machine off the network or redirect its traffic.',
    superPrivileged: false,
    autoConnect: false,
  },
  'network-manager': {
    title: 'Control NetworkManager',
    grants: 'Lets the snap control NetworkManager over D-Bus: create, change and activate network connections, Wi-Fi and VPNs.',
    risk: 'high',
    riskReason: 'It gets full control of how the host connects to networks.',
    superPrivileged: false,
    autoConnect: false,
  },
  ppp: {
    title: 'Run PPP links',
    grants:
      'Lets the snap run pppd to set up dial-up or cellular links: /dev/ppp and serial ttys, read, write and run files under /etc/ppp, with CAP_SETUID and CAP_SETGID.',
    risk: 'high',
    riskReason: "It can change the host's PPP scripts and route traffic over links it sets up.",
    superPrivileged: false,
    autoConnect: false,
  },
  // Newer than the lab's snapd 2.57.6: superPrivileged from denial-policy.json (2.76.3);
  // autoConnect false assumed, as for every other super-privileged plug.
  'nvidia-drivers-support': {
    title: 'Set up NVIDIA drivers',
    grants:
      'Lets the snap create NVIDIA device nodes (mknod) and use /dev/nvidia*, /dev/nvidiactl, /dev/nvidia-uvm and /dev/nvidia-modeset, so it can provide the NVIDIA driver.',
    risk: 'high',
    riskReason: "Creating device nodes and driving the proprietary kernel driver are privileged operations.",
    superPrivileged: true,
    autoConnect: false,
  },
  tpm: {
    title: 'Use the TPM chip',
    grants: 'Lets the snap talk directly to the Trusted Platform Module (/dev/tpm*, /dev/tpmrm*).',
    risk: 'high',
    riskReason: 'The TPM holds disk-encryption and attestation secrets, and raw access can use or disturb them.',
    superPrivileged: false,
    autoConnect: false,
  },
  uinput: {
    title: 'Create virtual input devices',
    grants: 'Lets the snap create virtual keyboards and mice through /dev/uinput, so it can type and click as if it were the user.',
    risk: 'high',
    riskReason: 'Injected keystrokes can run commands in any logged-in session or on the console.',
    superPrivileged: true,
    autoConnect: false,
  },
  'io-ports-control': {
    title: 'Access hardware I/O ports',
    grants: 'Lets the snap read and write hardware I/O ports (/dev/port, ioperm, iopl) with CAP_SYS_RAWIO.',
    risk: 'high',
    riskReason: 'Direct port I/O drives hardware behind the kernel\'s back.',
    superPrivileged: false,
    autoConnect: false,
  },
  'kernel-module-load': {
    title: 'Load listed kernel modules',
    grants: 'Lets the snap have snapd load the specific kernel modules, with the options, that the plug lists.',
    risk: 'high',
    riskReason: 'Kernel modules run unconfined, so the store must approve the exact list.',
    superPrivileged: true,
    autoConnect: false,
  },
  'desktop-launch': {
    title: 'Launch other snaps\' apps',
    grants: "Lets the snap read every installed snap's desktop files and icons and launch the applications of other snaps.",
    risk: 'high',
    riskReason: 'Launching other apps lets it use whatever permissions those apps have.',
    superPrivileged: true,
    autoConnect: false,
  },
  'dm-crypt': {
    title: 'Manage encrypted disks',
    grants:
      'Lets the snap open and close encrypted block devices (cryptsetup, /dev/mapper/control, /dev/dm-*), use the kernel keyring and mount them under /media.',
    risk: 'high',
    riskReason: 'It controls disk encryption keys and device-mapper devices of the host.',
    superPrivileged: true,
    autoConnect: false,
  },
  'gpg-keys': {
    title: 'Read your GPG private keys',
    grants: 'Lets the snap read your whole GnuPG directory (~/.gnupg, including private keys), use the gpg-agent sockets and run gpg.',
    risk: 'high',
    riskReason: 'Private keys let it sign and decrypt as you.',
    superPrivileged: false,
    autoConnect: false,
  },
  'ssh-keys': {
    title: 'Read your SSH private keys',
    grants: 'Lets the snap read your SSH configuration and private keys (~/.ssh) and run ssh.',
    risk: 'high',
    riskReason: 'Private keys give access to every server you can log into.',
    superPrivileged: false,
    autoConnect: false,
  },
  'password-manager-service': {
    title: 'Use the password store',
    grants: "Lets the snap use the desktop's password store (the Secret Service, such as GNOME Keyring or KWallet) over D-Bus.",
    risk: 'high',
    riskReason: 'The store does not separate applications, so the snap can read every password saved in it.',
    superPrivileged: false,
    autoConnect: false,
  },
  openvswitch: {
    title: 'Manage Open vSwitch',
    grants: 'Lets the snap use the Open vSwitch management sockets (/run/openvswitch/db.sock and ovs-vswitchd control sockets) to reconfigure virtual switches.',
    risk: 'high',
    riskReason: "It can rewire the host's virtual networking.",
    superPrivileged: false,
    autoConnect: false,
  },

  // ---------------------------------------------------------------- sensitive reads, limited control
  'system-observe': {
    title: 'See all processes and system state',
    grants:
      'Lets the snap list every process with its command line and status (/proc/*/cmdline, /proc/*/status), trace them read-only, and read system statistics such as /proc/stat, /proc/diskstats, /proc/kallsyms and /boot/config*.',
    risk: 'medium',
    riskReason: 'Command lines of other processes can contain passwords or tokens.',
    superPrivileged: false,
    autoConnect: false,
  },
  'log-observe': {
    title: 'Read system logs',
    grants:
      'Lets the snap read the system logs: everything under /var/log, the systemd journal (/run/log/journal, journalctl) and the kernel log (/dev/kmsg), bypassing file permissions with CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH.',
    risk: 'medium',
    riskReason: 'Logs hold user names, IP addresses and sometimes secrets.',
    superPrivileged: false,
    autoConnect: false,
  },
  'hardware-observe': {
    title: 'Read hardware information',
    grants:
      'Lets the snap read detailed hardware information: /sys/{block,bus,class,devices,firmware}, udev data, PCI and USB lists (lsusb, lscpu, lsblk), /proc/cpuinfo and /proc/interrupts.',
    risk: 'medium',
    riskReason: 'It is mostly read-only, but exposes serial numbers and a full inventory of the machine.',
    superPrivileged: false,
    autoConnect: false,
  },
  home: {
    title: 'Read and write your home folder',
    grants:
      'Lets the snap read and write your non-hidden files in your home directory (not dot-files, not ~/snap). With read: all it can also read files there that you do not own (CAP_DAC_READ_SEARCH).',
    risk: 'medium',
    riskReason: 'Documents, photos and source code live there, and a malicious snap could read, change or encrypt them.',
    superPrivileged: false,
    autoConnect: true,
    autoConnectCondition: 'Auto-connects on classic systems only, and never for plugs with read: all (those need a manual connect).',
  },
  'mount-observe': {
    title: 'Read the mount table',
    grants:
      'Lets the snap read the mount table (/proc/mounts, /proc/*/mounts, /proc/*/mountinfo, /etc/fstab, /run/mount/utab), swap and disk-quota information (quotactl), and run df.',
    risk: 'medium',
    riskReason: 'It reveals which disks, network shares and container filesystems the host uses.',
    superPrivileged: false,
    autoConnect: false,
  },
  'network-observe': {
    title: 'Observe network status',
    grants:
      'Lets the snap read network state: interfaces, routes and sockets (ip, ss, netstat), /proc/*/net and network sysctls, and send pings with raw sockets (CAP_NET_RAW).',
    risk: 'medium',
    riskReason: "It maps the host's network and its open connections.",
    superPrivileged: false,
    autoConnect: false,
  },
  'login-session-observe': {
    title: 'See who is logged in',
    grants:
      'Lets the snap read login sessions and login history: /var/run/utmp, /var/log/wtmp, lastlog, faillog and systemd sessions (who, loginctl).',
    risk: 'medium',
    riskReason: 'It reveals who uses the machine and when.',
    superPrivileged: false,
    autoConnect: false,
  },
  'kernel-module-observe': {
    title: 'List kernel modules',
    grants: 'Lets the snap list loaded kernel modules and their parameters (/proc/modules, /sys/module, kmod) and read modprobe configuration, with CAP_SYSLOG.',
    risk: 'medium',
    riskReason: 'Read-only, but it reveals the kernel configuration and drivers of the host.',
    superPrivileged: false,
    autoConnect: false,
  },
  'fuse-support': {
    title: 'Mount FUSE filesystems',
    grants: "Lets the snap mount FUSE filesystems (/dev/fuse and the mount syscall with CAP_SYS_ADMIN) inside the snap's own mount namespace.",
    risk: 'medium',
    riskReason: 'The mounts stay inside the sandbox, but CAP_SYS_ADMIN is a powerful capability.',
    superPrivileged: false,
    autoConnect: false,
  },
  'cifs-mount': {
    title: 'Mount Windows (SMB/CIFS) shares',
    grants: "Lets the snap mount and unmount CIFS/SMB network shares (mount, umount with CAP_SYS_ADMIN) inside the snap's own mount namespace.",
    risk: 'medium',
    riskReason: 'It can reach file servers with credentials it is given, and CAP_SYS_ADMIN is a powerful capability.',
    superPrivileged: false,
    autoConnect: false,
  },
  'removable-media': {
    title: 'Read and write USB drives and SD cards',
    grants: 'Lets the snap read and write everything on mounted removable storage under /media, /run/media and /mnt.',
    risk: 'medium',
    riskReason: 'External drives often hold backups and personal data.',
    superPrivileged: false,
    autoConnect: false,
  },
  'raw-usb': {
    title: 'Access USB devices directly',
    grants: 'Lets the snap talk directly to any USB device (/dev/bus/usb/*), USB serial adapters (/dev/ttyUSB*, /dev/ttyACM*) and USB printers.',
    risk: 'medium',
    riskReason: 'Raw access bypasses kernel drivers and can control or reflash any attached USB device.',
    superPrivileged: false,
    autoConnect: false,
  },
  'raw-input': {
    title: 'Read keyboards and mice directly',
    grants: 'Lets the snap read and write all input devices directly (/dev/input/*), bypassing the display server.',
    risk: 'medium',
    riskReason: 'It can read every keystroke typed on the machine.',
    superPrivileged: false,
    autoConnect: false,
  },
  camera: {
    title: 'Use cameras',
    grants: 'Lets the snap use all cameras (/dev/video*) and read USB camera details.',
    risk: 'medium',
    riskReason: 'It can take pictures or video without further prompts.',
    superPrivileged: false,
    autoConnect: false,
  },
  'audio-record': {
    title: 'Record audio',
    grants: 'Lets the snap record from microphones through the sound server (PulseAudio or PipeWire).',
    risk: 'medium',
    riskReason: 'It can listen to the room.',
    superPrivileged: false,
    autoConnect: false,
  },
  pulseaudio: {
    title: 'Use PulseAudio (play and record)',
    grants: 'Lets the snap use the PulseAudio server for playback and recording, or act as the server.',
    risk: 'medium',
    riskReason: 'Recording is included.',
    superPrivileged: false,
    autoConnect: false,
  },
  alsa: {
    title: 'Use sound devices directly (ALSA)',
    grants: 'Lets the snap use the raw ALSA sound devices (/dev/snd/*), including microphones, bypassing the sound server.',
    risk: 'medium',
    riskReason: 'It can record audio without the sound server knowing.',
    superPrivileged: false,
    autoConnect: false,
  },
  x11: {
    title: 'Show windows on X11',
    grants: 'Lets the snap connect to the X11 display server to show windows (X authority files, the X socket).',
    risk: 'medium',
    riskReason: 'X11 does not isolate clients, so a connected app can read keystrokes and capture other windows.',
    superPrivileged: false,
    autoConnect: true,
    autoConnectCondition: 'Auto-connects on classic systems only.',
  },
  unity7: {
    title: 'Legacy X11 desktop integration',
    grants: 'Lets a legacy X11 app integrate with the desktop: menus, notifications, launcher, input methods, themes and the X11 display.',
    risk: 'medium',
    riskReason: 'It runs on X11, which does not stop apps eavesdropping on each other.',
    superPrivileged: false,
    autoConnect: true,
  },
  'desktop-legacy': {
    title: 'Legacy desktop services',
    grants: 'Lets the snap use older desktop services: the accessibility bus (at-spi), input methods (IBus, Fcitx) and speech-dispatcher.',
    risk: 'medium',
    riskReason: 'The accessibility bus can expose the contents of other applications.',
    superPrivileged: false,
    autoConnect: true,
  },
  gsettings: {
    title: 'Change your desktop settings',
    grants: 'Lets the snap read and change any of your desktop settings stored in dconf/GSettings (~/.config/dconf/user).',
    risk: 'medium',
    riskReason: 'Settings include proxies and keyboard shortcuts, so the snap could change how your desktop behaves.',
    superPrivileged: false,
    autoConnect: true,
  },
  bluez: {
    title: 'Use Bluetooth devices',
    grants: 'Lets the snap talk to the BlueZ Bluetooth service to scan for, pair and connect to Bluetooth devices.',
    risk: 'medium',
    riskReason: 'It can pair devices such as keyboards and read data from nearby devices.',
    superPrivileged: false,
    autoConnect: false,
  },
  'bluetooth-control': {
    title: 'Manage the Bluetooth stack',
    grants: 'Lets the snap manage the kernel Bluetooth stack directly (Bluetooth sockets, /dev/vhci, btusb) with CAP_NET_ADMIN.',
    risk: 'medium',
    riskReason: 'It controls all Bluetooth hardware of the host, below the BlueZ service.',
    superPrivileged: false,
    autoConnect: false,
  },
  'cups-control': {
    title: 'Administer printing',
    grants: 'Lets the snap use the CUPS control socket: add and remove printers and manage all print jobs.',
    risk: 'medium',
    riskReason: "It can read or cancel other users' print jobs and change printer setup.",
    superPrivileged: false,
    autoConnect: false,
  },
  kvm: {
    title: 'Run virtual machines (KVM)',
    grants: 'Lets the snap run hardware-accelerated virtual machines through /dev/kvm.',
    risk: 'medium',
    riskReason: "It exposes the kernel's virtualization code and can use a lot of the host's resources.",
    superPrivileged: false,
    autoConnect: false,
  },
  'network-setup-observe': {
    title: 'Read network configuration files',
    grants: "Lets the snap read the host's network configuration (/etc/netplan, /etc/network, /etc/systemd/network) and run netplan.",
    risk: 'medium',
    riskReason: 'Netplan files can contain Wi-Fi passwords.',
    superPrivileged: false,
    autoConnect: false,
  },
  'network-manager-observe': {
    title: 'Read NetworkManager settings',
    grants: 'Lets the snap read NetworkManager state and settings over D-Bus.',
    risk: 'medium',
    riskReason: 'It reveals which networks and VPNs the host uses.',
    superPrivileged: false,
    autoConnect: false,
  },
  'modem-manager': {
    title: 'Control cellular modems',
    grants: 'Lets the snap control ModemManager: manage cellular modems, their data connections and messages.',
    risk: 'medium',
    riskReason: 'It can start data connections or send messages that may cost money.',
    superPrivileged: false,
    autoConnect: false,
  },
  'time-control': {
    title: 'Set the system clock',
    grants:
      'Lets the snap set the system clock and the hardware clock (settimeofday, clock_settime, adjtimex with CAP_SYS_TIME, /dev/rtc*, hwclock, timedatectl).',
    risk: 'medium',
    riskReason: 'A wrong clock breaks TLS certificate checks, logs and scheduled jobs.',
    superPrivileged: false,
    autoConnect: false,
  },
  'timeserver-control': {
    title: 'Choose time servers',
    grants: 'Lets the snap change which NTP servers the host uses (/etc/systemd/timesyncd.conf, timedatectl).',
    risk: 'medium',
    riskReason: 'A hostile time server can move the clock, which breaks certificate checks.',
    superPrivileged: false,
    autoConnect: false,
  },
  'hostname-control': {
    title: 'Change the hostname',
    grants: 'Lets the snap change the system hostname (/etc/hostname, sethostname, hostnamectl).',
    risk: 'medium',
    riskReason: 'Renaming the host can break name-based access, monitoring and cluster membership.',
    superPrivileged: false,
    autoConnect: false,
  },
  // superPrivileged: no plug rule in the 2.57.6 base declaration, but denial-policy.json (2.76.3)
  // lists shutdown only among excluded interfaces; unverified against 2.76.3's shutdown.go.
  shutdown: {
    title: 'Shut down or reboot',
    grants: 'Lets the snap power off, reboot or halt the machine through systemd and logind.',
    risk: 'medium',
    riskReason: 'It can make the machine unavailable at any time, though it cannot read data.',
    superPrivileged: false,
    autoConnect: false,
  },
  'power-control': {
    title: 'Change power settings',
    grants: 'Lets the snap change device power management (/sys/devices/**/power/control and wakeup) and battery charge thresholds.',
    risk: 'medium',
    riskReason: 'Wrong settings can keep devices asleep or wear the battery.',
    superPrivileged: false,
    autoConnect: false,
  },
  'cpu-control': {
    title: 'Tune CPUs',
    grants: 'Lets the snap change CPU frequency limits and governors, take CPUs online or offline and set interrupt affinity.',
    risk: 'medium',
    riskReason: 'It can slow the whole machine down or change its power use.',
    superPrivileged: false,
    autoConnect: false,
  },
  'hugepages-control': {
    title: 'Configure huge pages',
    grants: 'Lets the snap change the huge-page memory settings of the kernel (/sys/kernel/mm/hugepages, nr_hugepages).',
    risk: 'medium',
    riskReason: 'Reserving memory as huge pages takes it away from everything else.',
    superPrivileged: false,
    autoConnect: false,
  },
  'netlink-audit': {
    title: 'Use the kernel audit system',
    grants: 'Lets the snap read and write kernel audit events over netlink (CAP_AUDIT_READ, CAP_AUDIT_WRITE, CAP_NET_ADMIN), as an audit daemon does.',
    risk: 'medium',
    riskReason: 'It can read security audit events and add records to the audit trail.',
    superPrivileged: false,
    autoConnect: false,
  },
  'netlink-connector': {
    title: 'Use the kernel netlink connector',
    grants: 'Lets the snap use the kernel netlink connector, for example to be told about every process start and exit, with CAP_NET_ADMIN.',
    risk: 'medium',
    riskReason: 'It can watch process activity across the host.',
    superPrivileged: false,
    autoConnect: false,
  },
  'u2f-devices': {
    title: 'Use security keys (U2F/FIDO)',
    grants: 'Lets the snap use FIDO/U2F security keys through their hidraw devices (/dev/hidraw*).',
    risk: 'medium',
    riskReason: 'Security keys guard logins, although each use still needs a touch on the key.',
    superPrivileged: false,
    autoConnect: false,
  },
  'serial-port': {
    title: 'Use a serial port',
    grants: 'Lets the snap use one specific serial port (such as /dev/ttyS0 or a USB serial adapter) that the system or gadget slot names.',
    risk: 'medium',
    riskReason: 'It controls whatever is attached to the port, such as a modem, a controller or a console.',
    superPrivileged: false,
    autoConnect: false,
  },
  gpio: {
    title: 'Use a GPIO pin',
    grants: 'Lets the snap read and set one specific GPIO pin that the gadget or system slot exports.',
    risk: 'medium',
    riskReason: 'It can switch whatever is wired to that pin, such as relays or motors.',
    superPrivileged: false,
    autoConnect: false,
  },
  i2c: {
    title: 'Use an I²C bus',
    grants: 'Lets the snap talk to one specific I²C bus or device that the gadget or system slot names.',
    risk: 'medium',
    riskReason: 'It can read and drive the sensors and chips on that bus.',
    superPrivileged: false,
    autoConnect: false,
  },
  spi: {
    title: 'Use an SPI bus',
    grants: 'Lets the snap use one specific SPI device (/dev/spidevX.Y) that the gadget or system slot names.',
    risk: 'medium',
    riskReason: 'It can read and drive the chips on that bus.',
    superPrivileged: false,
    autoConnect: false,
  },
  hidraw: {
    title: 'Use a raw HID device',
    grants: 'Lets the snap read and write one specific raw HID device (/dev/hidrawN) that the gadget or system slot names.',
    risk: 'medium',
    riskReason: 'Raw HID access bypasses the input drivers for that device.',
    superPrivileged: false,
    autoConnect: false,
  },
  'hardware-random-control': {
    title: 'Control the hardware random generator',
    grants: 'Lets the snap read the hardware random number generator (/dev/hwrng) and choose which one the kernel uses.',
    risk: 'medium',
    riskReason: "It can change the source of the kernel's hardware randomness.",
    superPrivileged: false,
    autoConnect: false,
  },
  framebuffer: {
    title: 'Use the framebuffer',
    grants: 'Lets the snap read and write the framebuffer devices (/dev/fb*) directly.',
    risk: 'medium',
    riskReason: 'Framebuffer access can read what is on the screen and draw over it.',
    superPrivileged: false,
    autoConnect: false,
  },
  'juju-client-observe': {
    title: 'Read Juju client configuration',
    grants: "Lets the snap read your Juju client configuration (~/.local/share/juju).",
    risk: 'medium',
    riskReason: 'That directory holds the credentials for your Juju controllers and clouds.',
    superPrivileged: false,
    autoConnect: false,
  },
  'browser-support': {
    title: 'Run a web browser',
    grants:
      'Lets the snap work as a web browser: shared memory for renderers and read access to device information in udev and /sys. With allow-sandbox: true it also gets what browsers need for their own sandbox (CAP_SYS_ADMIN, CAP_SYS_CHROOT, CAP_SYS_PTRACE, unshare, chroot).',
    risk: 'medium',
    riskReason: 'It exposes hardware details, and the sandbox variant adds powerful capabilities, which is why snapd refuses that variant without a store grant.',
    superPrivileged: false,
    autoConnect: true,
    autoConnectCondition: 'Auto-connects unless the plug sets allow-sandbox: true.',
  },
  'avahi-control': {
    title: 'Publish services on the local network',
    grants: 'Lets the snap publish and control mDNS/DNS-SD services through Avahi.',
    risk: 'medium',
    riskReason: 'It can advertise services that other machines on the LAN will trust and connect to.',
    superPrivileged: false,
    autoConnect: false,
  },
  'snap-themes-control': {
    title: 'Install theme snaps',
    grants: "Lets the snap ask snapd to install snaps that provide desktop themes.",
    risk: 'medium',
    riskReason: 'It can make snapd install snaps, though only theme snaps.',
    superPrivileged: true,
    autoConnect: false,
  },

  // ---------------------------------------------------------------- benign
  network: {
    title: 'Access the network',
    grants: 'Lets the snap make outgoing network connections and resolve host names.',
    risk: 'low',
    riskReason: 'Ordinary client networking; snapd connects it by itself for every snap that asks.',
    superPrivileged: false,
    autoConnect: true,
  },
  'network-bind': {
    title: 'Run a network service',
    grants: 'Lets the snap listen for incoming network connections (bind, listen, accept), so it can act as a server.',
    risk: 'low',
    riskReason: 'It exposes a service on the host\'s addresses but gives no control over the host.',
    superPrivileged: false,
    autoConnect: true,
  },
  'network-status': {
    title: 'Check network connectivity',
    grants: 'Lets the snap find out whether the machine is online.',
    risk: 'low',
    riskReason: 'Only connectivity status is shared.',
    superPrivileged: false,
    autoConnect: true,
  },
  opengl: {
    title: 'Use the GPU',
    grants: 'Lets the snap use the graphics card for 3D rendering and compute (/dev/dri/*, NVIDIA and other GPU device nodes, driver libraries).',
    risk: 'low',
    riskReason: 'A common need of graphical and compute apps; snapd connects it by itself.',
    superPrivileged: false,
    autoConnect: true,
  },
  content: {
    title: 'Share files with another snap',
    grants: 'Lets the snap see files or directories that another snap chose to share (or share its own), mounted into the snap as the content slot declares.',
    risk: 'low',
    riskReason: 'Only what the providing snap exports is shared, with the access it declares.',
    superPrivileged: false,
    autoConnect: true,
    autoConnectCondition: 'Auto-connects only to a slot of a snap from the same publisher with the same content tag.',
  },
  'kernel-crypto-api': {
    title: 'Use kernel cryptography',
    grants: "Lets the snap use the kernel's cryptographic algorithms through AF_ALG sockets and read /proc/crypto.",
    risk: 'low',
    riskReason: 'It only gives access to in-kernel crypto algorithms, not to host data.',
    superPrivileged: false,
    autoConnect: false,
  },
  'audio-playback': {
    title: 'Play audio',
    grants: 'Lets the snap play sound through the sound server (the PulseAudio socket /run/user/*/pulse/native and shared memory).',
    risk: 'low',
    riskReason: 'Playback only; recording needs audio-record.',
    superPrivileged: false,
    autoConnect: true,
  },
  desktop: {
    title: 'Basic desktop integration',
    grants: 'Lets a graphical app use fonts, themes, icons, GTK settings, your user folders configuration, xdg-open and the document portal (/run/user/*/doc).',
    risk: 'low',
    riskReason: 'Nearly every desktop app needs it, and it reads only non-sensitive desktop configuration.',
    superPrivileged: false,
    autoConnect: true,
  },
  wayland: {
    title: 'Show windows on Wayland',
    grants: 'Lets the snap show windows through the Wayland compositor (/run/user/*/wayland-*).',
    risk: 'low',
    riskReason: 'Wayland keeps clients apart, so the app cannot read other windows or keystrokes.',
    superPrivileged: false,
    autoConnect: true,
    autoConnectCondition: 'Auto-connects on classic systems only.',
  },
  'screen-inhibit-control': {
    title: 'Keep the screen on',
    grants: 'Lets the snap stop the screen saver and screen lock from starting, for example while playing video.',
    risk: 'low',
    riskReason: 'It only delays the screen saver.',
    superPrivileged: false,
    autoConnect: true,
  },
  'upower-observe': {
    title: 'Read battery status',
    grants: 'Lets the snap read battery and power-supply status from the UPower service.',
    risk: 'low',
    riskReason: 'Power status is not sensitive.',
    superPrivileged: false,
    autoConnect: true,
  },
  cups: {
    title: 'Print',
    grants: 'Lets the snap print through the CUPS printing service, without administrator rights.',
    risk: 'low',
    riskReason: 'It can submit print jobs but not change printers.',
    superPrivileged: false,
    autoConnect: false,
  },
  dbus: {
    title: 'Talk to a D-Bus service',
    grants: 'Lets the snap talk to one specific D-Bus name that another snap offers on the session or system bus.',
    risk: 'low',
    riskReason: 'Access is limited to the single service name both snaps declare.',
    superPrivileged: false,
    autoConnect: false,
  },
  'ssh-public-keys': {
    title: 'Read your SSH public keys',
    grants: "Lets the snap read your SSH public keys (~/.ssh/*.pub) and the host's public host keys, and run ssh.",
    risk: 'low',
    riskReason: 'Public keys are not secret.',
    superPrivileged: false,
    autoConnect: false,
  },
  'gpg-public-keys': {
    title: 'Read your GPG public keys',
    grants: 'Lets the snap read your GnuPG public keyrings, trust database and gpg.conf (~/.gnupg) and run gpg, without the private keys.',
    risk: 'low',
    riskReason: 'Public keys are not secret.',
    superPrivileged: false,
    autoConnect: false,
  },
  'timezone-control': {
    title: 'Change the time zone',
    grants: 'Lets the snap change the system time zone (/etc/localtime, /etc/timezone, timedatectl).',
    risk: 'low',
    riskReason: 'It changes how times are shown; the clock itself is unaffected.',
    superPrivileged: false,
    autoConnect: false,
  },
  'locale-control': {
    title: 'Change the system locale',
    grants: 'Lets the snap change the system-wide language and locale setting (/etc/default/locale).',
    risk: 'low',
    riskReason: 'It changes language and formatting only.',
    superPrivileged: false,
    autoConnect: false,
  },
  joystick: {
    title: 'Use game controllers',
    grants: 'Lets the snap read joysticks and gamepads (/dev/input/js* and their event devices).',
    risk: 'low',
    riskReason: 'Input from game controllers only.',
    superPrivileged: false,
    autoConnect: false,
  },
  'optical-drive': {
    title: 'Read CDs and DVDs',
    grants: 'Lets the snap read optical discs (/dev/sr*, /dev/scd*); with write: true it may also burn them.',
    risk: 'low',
    riskReason: 'It only reaches the disc in the drive.',
    superPrivileged: false,
    autoConnect: true,
    autoConnectCondition: 'Auto-connects unless the plug sets write: true.',
  },
  'system-packages-doc': {
    title: 'Read package documentation',
    grants: 'Lets the snap read documentation of host packages (/usr/share/doc and a few other documentation folders).',
    risk: 'low',
    riskReason: 'Documentation is public.',
    superPrivileged: false,
    autoConnect: false,
  },
  'system-source-code': {
    title: 'Read kernel sources and headers',
    grants: 'Lets the snap read /usr/src, where kernel headers and sources live.',
    risk: 'low',
    riskReason: 'The files are public source code.',
    superPrivileged: false,
    autoConnect: false,
  },
  'hardware-random-observe': {
    title: 'Read the hardware random generator',
    grants: 'Lets the snap read random numbers from the hardware generator (/dev/hwrng).',
    risk: 'low',
    riskReason: 'Reading random numbers reveals nothing about the host.',
    superPrivileged: false,
    autoConnect: false,
  },
  'avahi-observe': {
    title: 'Discover local network services',
    grants: 'Lets the snap discover services announced on the local network (mDNS/DNS-SD) through Avahi.',
    risk: 'low',
    riskReason: 'Announced services are public on the LAN.',
    superPrivileged: false,
    autoConnect: false,
  },
  'daemon-notify': {
    title: 'Report service status to systemd',
    grants: 'Lets the snap send service status notifications to systemd (systemd-notify).',
    risk: 'low',
    riskReason: 'It only reports the status of its own services.',
    superPrivileged: false,
    autoConnect: false,
  },
  'snap-refresh-control': {
    title: 'Control its own refreshes',
    grants: 'Lets the snap use extended snapctl commands to control refreshes involving the snap.',
    risk: 'low',
    riskReason: 'It only affects when the snap itself is updated.',
    superPrivileged: true,
    autoConnect: false,
  },
};

function freezeEntry(name: string, e: Entry): InterfaceInfo {
  return Object.freeze({ name, ...e, generic: false });
}

/** Curated explanations, keyed by interface name. */
export const INTERFACE_INFO: Readonly<Record<string, InterfaceInfo>> = Object.freeze(
  Object.fromEntries(Object.entries(ENTRIES).map(([name, e]) => [name, freezeEntry(name, e)])),
);

/** The curated explanation of an interface, or null when there is none. */
export function interfaceInfo(name: string): InterfaceInfo | null {
  return Object.prototype.hasOwnProperty.call(INTERFACE_INFO, name) ? (INTERFACE_INFO[name] ?? null) : null;
}

/** "kernel-module-observe" -> "Kernel module observe". */
function titleFromName(name: string): string {
  const words = name.split('-').filter(Boolean).join(' ');
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Unknown interface';
}

/**
 * The explanation to show for an interface: the curated entry when there is one,
 * otherwise a generic one built from snapd's own summary (`generic: true`, risk
 * 'medium' because nothing is known, and not auto-connected / not
 * super-privileged as a guess the UI should present as unknown).
 */
export function describeInterface(name: string, snapdSummary?: string): InterfaceInfo {
  const known = interfaceInfo(name);
  if (known) return known;
  const summary = snapdSummary?.trim();
  return Object.freeze({
    name,
    title: titleFromName(name),
    grants: summary
      ? `snapd's summary: ${summary.charAt(0).toUpperCase()}${summary.slice(1)}${/[.!?]$/.test(summary) ? '' : '.'}`
      : 'snapd gives no description of this interface.',
    risk: 'medium',
    riskReason: 'Not in the dashboard\'s list of explained interfaces, so the risk is unknown; read the interface\'s documentation before connecting.',
    superPrivileged: false,
    autoConnect: false,
    generic: true,
  });
}
