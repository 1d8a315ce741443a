// The simulated fleet: Linux, Windows and macOS hosts with their users, the
// long-running processes that parent everything else, and a process table
// (pids, entity ids, parent chains) that grows as activity spawns processes.
import { shared, type HostInfo, type OsKind, type ProcessInfo, type UserInfo, type WindowsImage } from './ecs.ts';
import type { Random } from './random.ts';

export type Distro = 'ubuntu' | 'rhel' | 'windows' | 'macos';

export interface FleetHost {
  info: HostInfo;
  distro: Distro;
  /** Role drives which services and noise a host has (web, db, ci, k8s, bastion, dc, iis, workstation). */
  role: string;
  /** Interactive users (the first is the main one). */
  users: UserInfo[];
  root: UserInfo;
  /** Long-running processes by role name: init, cron, sshd, services, schedule, explorer, … */
  resident: Record<string, ProcessInfo>;
  /** Recently opened interactive shells, parents of hands-on activity. */
  shells: ProcessInfo[];
  nextPid: number;
}

interface HostPlan {
  name: string;
  distro: Distro;
  role: string;
  os: { name: string; version: string; kernel: string; family: string; platform: string };
  users: UserInfo[];
}

const LINUX_KERNEL_UBUNTU = '5.15.0-105-generic';
const LINUX_KERNEL_RHEL = '5.14.0-362.24.1.el9_3.x86_64';
const DOMAIN_SID = 'S-1-5-21-3623811015-3361044348-30300820';

function ubuntu(version: string, kernel = LINUX_KERNEL_UBUNTU) {
  return { name: 'Ubuntu', version, kernel, family: 'debian', platform: 'ubuntu' };
}
function rhel(version: string) {
  return { name: 'Red Hat Enterprise Linux', version, kernel: LINUX_KERNEL_RHEL, family: 'rhel', platform: 'rhel' };
}
function windows(name: string, version: string, kernel: string) {
  return { name, version, kernel, family: 'windows', platform: 'windows' };
}
function macos(version: string) {
  return { name: 'macOS', version, kernel: '23.4.0', family: 'darwin', platform: 'darwin' };
}
const domainUser = (name: string, rid: number): UserInfo => ({ name, id: `${DOMAIN_SID}-${rid}`, domain: 'CORP' });

const HOST_PLANS: readonly HostPlan[] = [
  { name: 'web-prod-01', distro: 'ubuntu', role: 'web', os: ubuntu('22.04.4 LTS (Jammy Jellyfish)'), users: [{ name: 'ubuntu', id: '1000' }, { name: 'deploy', id: '1001' }] },
  { name: 'web-prod-02', distro: 'ubuntu', role: 'web', os: ubuntu('22.04.4 LTS (Jammy Jellyfish)'), users: [{ name: 'ubuntu', id: '1000' }, { name: 'deploy', id: '1001' }] },
  { name: 'ci-runner-03', distro: 'ubuntu', role: 'ci', os: ubuntu('20.04.6 LTS (Focal Fossa)', '5.4.0-176-generic'), users: [{ name: 'jenkins', id: '111' }, { name: 'ubuntu', id: '1000' }] },
  { name: 'k8s-node-07', distro: 'ubuntu', role: 'k8s', os: ubuntu('22.04.4 LTS (Jammy Jellyfish)'), users: [{ name: 'ubuntu', id: '1000' }] },
  { name: 'db-prod-01', distro: 'rhel', role: 'db', os: rhel('9.3 (Plow)'), users: [{ name: 'ec2-user', id: '1000' }, { name: 'postgres', id: '26' }] },
  { name: 'bastion-01', distro: 'rhel', role: 'bastion', os: rhel('9.3 (Plow)'), users: [{ name: 'ec2-user', id: '1000' }, { name: 'jsmith', id: '1002' }] },
  { name: 'WIN-DC01', distro: 'windows', role: 'dc', os: windows('Windows Server 2022 Datacenter', '21H2', '10.0.20348.2402'), users: [domainUser('adm.rkhan', 1205)] },
  { name: 'IIS-WEB-02', distro: 'windows', role: 'iis', os: windows('Windows Server 2019 Standard', '1809', '10.0.17763.5696'), users: [domainUser('svc_deploy', 1311)] },
  { name: 'FIN-WS-0142', distro: 'windows', role: 'workstation', os: windows('Windows 11 Enterprise', '23H2', '10.0.22631.3447'), users: [domainUser('alice.wong', 1104)] },
  { name: 'HR-LT-0087', distro: 'windows', role: 'workstation', os: windows('Windows 10 Pro', '22H2', '10.0.19045.4291'), users: [domainUser('bob.martin', 1187)] },
  { name: 'DEV-WS-0311', distro: 'windows', role: 'workstation', os: windows('Windows 11 Enterprise', '23H2', '10.0.22631.3447'), users: [domainUser('carol.diaz', 1242)] },
  { name: 'MBP-JDOE', distro: 'macos', role: 'workstation', os: macos('14.4.1'), users: [{ name: 'jdoe', id: '501' }] },
  { name: 'MBP-ASMITH', distro: 'macos', role: 'workstation', os: macos('14.4.1'), users: [{ name: 'asmith', id: '501' }] },
  { name: 'imac-design-04', distro: 'macos', role: 'workstation', os: macos('13.6.6'), users: [{ name: 'lkim', id: '502' }] },
];

const SYSTEM_USER: UserInfo = { name: 'SYSTEM', id: 'S-1-5-18', domain: 'NT AUTHORITY' };
const LINUX_ROOT: UserInfo = { name: 'root', id: '0' };

function osKind(distro: Distro): OsKind {
  return distro === 'windows' ? 'windows' : distro === 'macos' ? 'macos' : 'linux';
}

/** Builds the fleet (same seed, same fleet) with each host's resident processes. */
export function createFleet(rng: Random): FleetHost[] {
  return HOST_PLANS.map((plan, index) => {
    const os = osKind(plan.distro);
    const ip = os === 'windows' ? `10.20.${index}.${rng.int(10, 250)}` : os === 'macos' ? `192.168.40.${rng.int(10, 250)}` : `10.10.${index}.${rng.int(10, 250)}`;
    const mac = Array.from({ length: 6 }, () => rng.hex(2)).join('-');
    const id = rng.uuid();
    const name = plan.name;
    const info: HostInfo = {
      os,
      id,
      name,
      ip,
      ecs: shared({
        id,
        name,
        hostname: name,
        architecture: os === 'macos' && plan.name.startsWith('MBP') ? 'arm64' : 'x86_64',
        ip: [ip, `fe80::${rng.hex(4)}:${rng.hex(4)}:${rng.hex(4)}:${rng.hex(4)}`],
        mac: [mac],
        os: { type: os, ...plan.os, full: `${plan.os.name} ${plan.os.version}` },
      }),
      agent: shared({ id: rng.uuid(), type: 'endpoint', version: '8.13.2' }),
      logAgent: shared({ id: rng.uuid(), type: 'filebeat', version: '8.13.2' }),
    };
    const host: FleetHost = {
      info,
      distro: plan.distro,
      role: plan.role,
      users: plan.users,
      root: os === 'windows' ? SYSTEM_USER : LINUX_ROOT,
      resident: {},
      shells: [],
      nextPid: os === 'windows' ? 400 : 300,
    };
    startResidents(rng, host);
    // Everything later starts well after boot.
    host.nextPid = os === 'windows' ? 4 * rng.int(1000, 3000) : rng.int(2000, 9000);
    return host;
  });
}

export interface SpawnSpec {
  executable: string;
  args: string[];
  user?: UserInfo;
  workingDirectory?: string;
  /** The command line when it is not the arguments joined by spaces (Windows quoting). */
  commandLine?: string;
  /** Windows image facts; defaults: signed by Microsoft, Medium integrity (High for SYSTEM). */
  windows?: Partial<WindowsImage>;
}

/** Registers a new process on the host (fresh pid and entity id) and returns it. */
export function spawn(rng: Random, host: FleetHost, parent: ProcessInfo | undefined, spec: SpawnSpec): ProcessInfo {
  const windowsHost = host.info.os === 'windows';
  host.nextPid += windowsHost ? 4 * rng.int(1, 30) : rng.int(1, 40);
  if (host.nextPid > 4_000_000) host.nextPid = 1000;
  const separator = windowsHost ? '\\' : '/';
  const name = spec.executable.slice(spec.executable.lastIndexOf(separator) + 1);
  const user = spec.user ?? parent?.user ?? host.root;
  const process: ProcessInfo = {
    pid: host.nextPid,
    // Elastic Defend entity ids are base64 of agent id, pid and start time.
    entityId: Buffer.from(`${host.info.agent.id as string}-${host.nextPid}-${rng.uint32()}`).toString('base64'),
    name,
    executable: spec.executable,
    commandLine: spec.commandLine ?? spec.args.join(' '),
    args: spec.args,
    user,
  };
  if (spec.workingDirectory !== undefined) process.workingDirectory = spec.workingDirectory;
  if (parent) process.parent = parent;
  if (windowsHost) {
    const system = user.id === 'S-1-5-18';
    process.windows = {
      originalFileName: spec.windows?.originalFileName ?? name,
      integrity: spec.windows?.integrity ?? (system ? 'System' : 'Medium'),
      signer: spec.windows?.signer ?? 'Microsoft Windows',
      trusted: spec.windows?.trusted ?? true,
    };
  }
  return process;
}

/** Remembers an interactive shell as a parent for later hands-on activity (keeps the last 6). */
export function rememberShell(host: FleetHost, shell: ProcessInfo): void {
  host.shells.push(shell);
  if (host.shells.length > 6) host.shells.shift();
}

function startResidents(rng: Random, host: FleetHost): void {
  const add = (role: string, parent: ProcessInfo | undefined, spec: SpawnSpec) => {
    const process = spawn(rng, host, parent, spec);
    host.resident[role] = process;
    return process;
  };
  const user = host.users[0];
  if (host.info.os === 'linux') {
    const init = add('init', undefined, { executable: '/usr/lib/systemd/systemd', args: ['/sbin/init', 'splash'] });
    init.pid = 1;
    host.nextPid = rng.int(500, 900);
    add('cron', init, host.distro === 'rhel' ? { executable: '/usr/sbin/crond', args: ['/usr/sbin/crond', '-n'] } : { executable: '/usr/sbin/cron', args: ['/usr/sbin/cron', '-f', '-P'] });
    add('sshd', init, { executable: '/usr/sbin/sshd', args: ['sshd:', '/usr/sbin/sshd', '-D', '[listener]', '0', 'of', '10-100', 'startups'] });
    if (host.role === 'web') add('service', init, { executable: '/usr/sbin/nginx', args: ['nginx:', 'worker', 'process'], user: { name: 'www-data', id: '33' } });
    if (host.role === 'db') add('service', init, { executable: '/usr/pgsql-16/bin/postgres', args: ['/usr/pgsql-16/bin/postgres', '-D', '/var/lib/pgsql/16/data/'], user: host.users[1] });
    if (host.role === 'ci') add('service', init, { executable: '/usr/bin/java', args: ['/usr/bin/java', '-Djava.awt.headless=true', '-jar', '/usr/share/java/jenkins.war', '--webroot=/var/cache/jenkins/war', '--httpPort=8080'], user });
    if (host.role === 'k8s') add('service', init, { executable: '/usr/bin/kubelet', args: ['/usr/bin/kubelet', '--config=/var/lib/kubelet/config.yaml', '--container-runtime-endpoint=unix:///run/containerd/containerd.sock'] });
    if (host.role === 'bastion') add('service', init, { executable: '/usr/sbin/rsyslogd', args: ['/usr/sbin/rsyslogd', '-n'] });
  } else if (host.info.os === 'windows') {
    const wininit = add('wininit', undefined, { executable: 'C:\\Windows\\System32\\wininit.exe', args: ['wininit.exe'] });
    const services = add('services', wininit, { executable: 'C:\\Windows\\System32\\services.exe', args: ['C:\\Windows\\system32\\services.exe'] });
    add('lsass', wininit, { executable: 'C:\\Windows\\System32\\lsass.exe', args: ['C:\\Windows\\system32\\lsass.exe'] });
    add('schedule', services, { executable: 'C:\\Windows\\System32\\svchost.exe', args: ['C:\\Windows\\system32\\svchost.exe', '-k', 'netsvcs', '-p', '-s', 'Schedule'] });
    add('defender', services, {
      executable: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24030.9-0\\MsMpEng.exe',
      args: ['C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24030.9-0\\MsMpEng.exe'],
    });
    const userinit = spawn(rng, host, wininit, { executable: 'C:\\Windows\\System32\\userinit.exe', args: ['C:\\Windows\\system32\\userinit.exe'], user });
    add('explorer', userinit, { executable: 'C:\\Windows\\explorer.exe', args: ['C:\\Windows\\Explorer.EXE'], user });
    if (host.role === 'iis') {
      add('service', services, {
        executable: 'C:\\Windows\\System32\\inetsrv\\w3wp.exe',
        args: ['c:\\windows\\system32\\inetsrv\\w3wp.exe', '-ap', 'DefaultAppPool', '-v', 'v4.0', '-l', 'webengine4.dll'],
        user: { name: 'DefaultAppPool', id: 'S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415', domain: 'IIS APPPOOL' },
        windows: { integrity: 'High' },
      });
    }
  } else {
    const launchd = add('init', undefined, { executable: '/sbin/launchd', args: ['/sbin/launchd'] });
    launchd.pid = 1;
    host.nextPid = rng.int(300, 600);
    add('terminal', launchd, { executable: '/System/Applications/Utilities/Terminal.app/Contents/MacOS/Terminal', args: ['/System/Applications/Utilities/Terminal.app/Contents/MacOS/Terminal'], user });
    add('finder', launchd, { executable: '/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder', args: ['/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder'], user });
  }
}
