// The everyday activity of the fleet: package managers and updaters, cron and
// systemd timers, interactive shells, services and their connections, Windows
// services, Office and browsers, macOS launchd daemons. Each activity emits a
// few related events starting at `time`.
import type { ProcessInfo, UserInfo } from './ecs.ts';
import { rememberShell, type Distro, type FleetHost } from './fleet.ts';
import { acceptIn, connectOut, exec, exit, run, setRegistry, sshLogin, writeFile, type ActivityContext } from './activity.ts';

export type Activity = (ctx: ActivityContext, host: FleetHost, time: number) => void;

const UBUNTU_MIRROR = ['91.189.91.81', '91.189.91.82', '185.125.190.36'];
const RHEL_MIRROR = ['23.36.52.185', '104.88.90.21'];
const WEB_CLIENTS = ['66.249.66.1', '40.77.167.38', '203.0.113.54', '198.51.100.77', '157.55.39.12', '17.58.100.3'];
const GITHUB = ['140.82.112.3', '140.82.113.4', '185.199.108.133'];
const MICROSOFT = ['13.107.4.50', '20.190.159.2', '13.107.42.12', '52.113.194.132'];
const GOOGLE = ['142.250.80.46', '142.250.72.174', '172.217.14.99'];
const APPLE = ['17.253.144.10', '17.248.129.40', '17.57.144.84'];
const SCANNERS = ['45.95.147.236', '193.32.162.54', '218.92.0.112', '61.177.172.136'];

// ---------------------------------------------------------------------------
// Linux

const UBUNTU_PACKAGES: ReadonlyArray<readonly [string, string, string]> = [
  ['curl', '7.81.0-1ubuntu1.16', '/usr/bin/curl'],
  ['jq', '1.6-2.1ubuntu3', '/usr/bin/jq'],
  ['htop', '3.0.5-7build2', '/usr/bin/htop'],
  ['openssl', '3.0.2-0ubuntu1.15', '/usr/bin/openssl'],
  ['libssl3:amd64', '3.0.2-0ubuntu1.15', '/usr/lib/x86_64-linux-gnu/libssl.so.3'],
  ['tzdata', '2024a-0ubuntu0.22.04', '/usr/share/zoneinfo/UTC'],
  ['python3-urllib3', '1.26.5-1~exp1ubuntu0.1', '/usr/lib/python3/dist-packages/urllib3/__init__.py'],
  ['git', '1:2.34.1-1ubuntu1.11', '/usr/bin/git'],
  ['logrotate', '3.19.0-1ubuntu1.1', '/usr/sbin/logrotate'],
  ['nginx-common', '1.18.0-6ubuntu14.4', '/usr/share/nginx/html/index.html'],
];
const RHEL_PACKAGES: ReadonlyArray<readonly [string, string, string]> = [
  ['openssl-libs', '3.0.7-25.el9_3', '/usr/lib64/libssl.so.3'],
  ['kernel-core', '5.14.0-362.24.1.el9_3', '/lib/modules/5.14.0-362.24.1.el9_3.x86_64/vmlinuz'],
  ['python3-dnf-plugins-core', '4.3.0-11.el9_3', '/usr/lib/python3.9/site-packages/dnf-plugins/needs_restarting.py'],
  ['vim-minimal', '8.2.2637-20.el9_1', '/usr/bin/vi'],
  ['tzdata', '2024a-1.el9', '/usr/share/zoneinfo/UTC'],
  ['postgresql16-server', '16.2-1PGDG.rhel9', '/usr/pgsql-16/bin/postgres'],
];

const LINUX_COMMANDS: ReadonlyArray<readonly [string, string[]]> = [
  ['/usr/bin/ls', ['ls', '-la']],
  ['/usr/bin/ps', ['ps', 'aux']],
  ['/usr/bin/df', ['df', '-h']],
  ['/usr/bin/free', ['free', '-m']],
  ['/usr/bin/cat', ['cat', '/etc/os-release']],
  ['/usr/bin/tail', ['tail', '-n', '200', '/var/log/syslog']],
  ['/usr/bin/grep', ['grep', '-i', 'error', '/var/log/nginx/error.log']],
  ['/usr/bin/systemctl', ['systemctl', 'status', 'nginx']],
  ['/usr/bin/journalctl', ['journalctl', '-u', 'nginx', '--since', 'today']],
  ['/usr/bin/git', ['git', 'pull', '--ff-only']],
  ['/usr/bin/docker', ['docker', 'ps', '-a']],
  ['/usr/bin/vim', ['vim', '/etc/nginx/sites-available/default']],
  ['/usr/bin/uptime', ['uptime']],
  ['/usr/bin/who', ['who']],
  ['/usr/bin/ss', ['ss', '-tulpn']],
  ['/usr/bin/top', ['top', '-b', '-n', '1']],
  ['/usr/bin/du', ['du', '-sh', '/var/log']],
  ['/usr/bin/less', ['less', '/var/log/auth.log']],
];

function shellFor(ctx: ActivityContext, host: FleetHost, time: number): ProcessInfo {
  if (host.shells.length > 0 && ctx.rng.chance(0.85)) return ctx.rng.pick(host.shells);
  return openSession(ctx, host, time);
}

/** An SSH login (auth + network + sshd session + login shell) by one of the host's users. */
function openSession(ctx: ActivityContext, host: FleetHost, time: number): ProcessInfo {
  const user = ctx.rng.pick(host.users);
  const from = `10.10.${ctx.rng.int(0, 5)}.${ctx.rng.int(2, 250)}`;
  const sshd = host.resident.sshd;
  acceptIn(ctx, host, sshd, from, 22, time);
  sshLogin(ctx, host, { user: user.name, sourceIp: from, sourcePort: ctx.rng.int(40000, 65000), success: true, method: 'publickey', sshdPid: sshd.pid }, time + 120);
  const session = exec(ctx, host, sshd, { executable: '/usr/sbin/sshd', args: ['sshd:', `${user.name}@pts/${ctx.rng.int(0, 4)}`], user }, time + 150);
  const shell = exec(ctx, host, session, { executable: '/usr/bin/bash', args: ['-bash'], user, workingDirectory: homeOf(user) }, time + 210);
  rememberShell(host, shell);
  return shell;
}

function homeOf(user: UserInfo): string {
  return user.id === '0' ? '/root' : user.name === 'jenkins' ? '/var/lib/jenkins' : `/home/${user.name}`;
}

const linuxShellCommand: Activity = (ctx, host, time) => {
  const shell = shellFor(ctx, host, time);
  const [executable, args] = ctx.rng.pick(LINUX_COMMANDS);
  if (ctx.rng.chance(0.2)) {
    const sudo = exec(ctx, host, shell, { executable: '/usr/bin/sudo', args: ['sudo', ...args], workingDirectory: shell.workingDirectory }, time + 400);
    run(ctx, host, sudo, { executable, args, user: host.root, workingDirectory: shell.workingDirectory }, time + 420, ctx.rng.int(5, 900));
    exit(ctx, host, sudo, time + 1400);
  } else {
    run(ctx, host, shell, { executable, args, workingDirectory: shell.workingDirectory }, time + 400, ctx.rng.int(5, 900));
  }
};

const cronJob: Activity = (ctx, host, time) => {
  const cron = host.resident.cron;
  const job = ctx.rng.pick([
    'cd / && run-parts --report /etc/cron.hourly',
    '[ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi',
    '/usr/local/bin/backup-db.sh >/var/log/backup.log 2>&1',
    'test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }',
    '/usr/lib/sysstat/debian-sa1 1 1',
  ]);
  const sh = exec(ctx, host, cron, { executable: '/usr/bin/dash', args: ['/bin/sh', '-c', job], workingDirectory: '/' }, time + 5);
  if (job.includes('run-parts')) {
    const parts = exec(ctx, host, sh, { executable: '/usr/bin/run-parts', args: ['run-parts', '--report', job.includes('daily') ? '/etc/cron.daily' : '/etc/cron.hourly'] }, time + 12);
    if (job.includes('daily')) logrotate(ctx, host, parts, time + 30);
    exit(ctx, host, parts, time + 900);
  } else if (job.includes('backup-db')) {
    run(ctx, host, sh, { executable: '/usr/bin/pg_dump', args: ['pg_dump', '-Fc', 'app'], user: { name: 'postgres', id: '26' } }, time + 20, 5000);
  }
  exit(ctx, host, sh, time + 1000);
};

function logrotate(ctx: ActivityContext, host: FleetHost, parent: ProcessInfo, time: number): void {
  const rotate = exec(ctx, host, parent, { executable: '/usr/sbin/logrotate', args: ['/usr/sbin/logrotate', '/etc/logrotate.conf'] }, time);
  const log = ctx.rng.pick(['/var/log/syslog', '/var/log/nginx/access.log', '/var/log/auth.log', '/var/log/kern.log']);
  writeFile(ctx, host, rotate, 'deletion', `${log}.7.gz`, time + 20);
  writeFile(ctx, host, rotate, 'rename', `${log}.1`, time + 25, log);
  writeFile(ctx, host, rotate, 'creation', log, time + 30);
  const gzip = exec(ctx, host, rotate, { executable: '/usr/bin/gzip', args: ['/bin/gzip', `${log}.2`] }, time + 40);
  writeFile(ctx, host, gzip, 'creation', `${log}.2.gz`, time + 60);
  writeFile(ctx, host, gzip, 'deletion', `${log}.2`, time + 90);
  exit(ctx, host, gzip, time + 95);
  exit(ctx, host, rotate, time + 100);
}

const systemdTimer: Activity = (ctx, host, time) => {
  const init = host.resident.init;
  const [executable, args] = ctx.rng.pick<readonly [string, string[]]>([
    ['/usr/bin/systemd-tmpfiles', ['systemd-tmpfiles', '--clean']],
    ['/usr/sbin/fstrim', ['/sbin/fstrim', '--listed-in', '/etc/fstab:/proc/self/mountinfo', '--verbose', '--quiet-unsupported']],
    ['/usr/lib/systemd/systemd-hostnamed', ['/lib/systemd/systemd-hostnamed']],
    ['/usr/bin/updatedb.plocate', ['/usr/libexec/locate/updatedb.plocate']],
    ['/usr/sbin/chronyd', ['/usr/sbin/chronyd', '-F', '2']],
  ]);
  run(ctx, host, init, { executable, args }, time, ctx.rng.int(30, 3000));
};

const aptUpdate: Activity = (ctx, host, time) => {
  const init = host.resident.init;
  const daily = exec(ctx, host, init, { executable: '/usr/bin/dash', args: ['/bin/sh', '/usr/lib/apt/apt.systemd.daily', 'update'] }, time);
  const apt = exec(ctx, host, daily, { executable: '/usr/bin/apt-get', args: ['apt-get', '-qq', '-y', 'update'] }, time + 30);
  const http = exec(ctx, host, apt, { executable: '/usr/lib/apt/methods/http', args: ['/usr/lib/apt/methods/http'], user: { name: '_apt', id: '105' } }, time + 60);
  connectOut(ctx, host, http, ctx.rng.pick(UBUNTU_MIRROR), 80, time + 70);
  for (const suite of ['jammy-updates', 'jammy-security']) {
    const lists = `/var/lib/apt/lists/archive.ubuntu.com_ubuntu_dists_${suite}_main_binary-amd64_Packages`;
    writeFile(ctx, host, apt, 'creation', `${lists}.IndexDiff`, time + 900);
    writeFile(ctx, host, apt, 'rename', lists, time + 950, `/var/lib/apt/lists/partial/archive.ubuntu.com_ubuntu_dists_${suite}_main_binary-amd64_Packages`);
  }
  exit(ctx, host, http, time + 1200);
  exit(ctx, host, apt, time + 1300);
  exit(ctx, host, daily, time + 1310);
};

/** apt-get install/upgrade: dpkg unpacks (list/md5sums/maintainer scripts) and runs postinst. */
const aptInstall: Activity = (ctx, host, time) => {
  const shell = shellFor(ctx, host, time);
  const [pkg, version, payload] = ctx.rng.pick(UBUNTU_PACKAGES);
  const base = pkg.split(':')[0];
  const sudo = exec(ctx, host, shell, { executable: '/usr/bin/sudo', args: ['sudo', 'apt-get', 'install', '-y', base] }, time + 300);
  const apt = exec(ctx, host, sudo, { executable: '/usr/bin/apt-get', args: ['apt-get', 'install', '-y', base], user: host.root }, time + 320);
  const http = exec(ctx, host, apt, { executable: '/usr/lib/apt/methods/http', args: ['/usr/lib/apt/methods/http'], user: { name: '_apt', id: '105' } }, time + 350);
  connectOut(ctx, host, http, ctx.rng.pick(UBUNTU_MIRROR), 80, time + 360);
  writeFile(ctx, host, apt, 'creation', `/var/cache/apt/archives/${base}_${version.replace(':', '%3a')}_amd64.deb`, time + 800);
  exit(ctx, host, http, time + 820);
  const unpack = exec(ctx, host, apt, { executable: '/usr/bin/dpkg', args: ['/usr/bin/dpkg', '--status-fd', '43', '--no-triggers', '--unpack', '--auto-deconfigure', `/var/cache/apt/archives/${base}_${version}_amd64.deb`] }, time + 900);
  const info = `/var/lib/dpkg/info/${pkg}`;
  writeFile(ctx, host, unpack, 'creation', `${info}.list-new`, time + 920);
  writeFile(ctx, host, unpack, 'creation', `${info}.md5sums`, time + 925);
  writeFile(ctx, host, unpack, 'creation', `${info}.postinst`, time + 930);
  writeFile(ctx, host, unpack, 'creation', `${payload}.dpkg-new`, time + 940);
  writeFile(ctx, host, unpack, 'rename', payload, time + 960, `${payload}.dpkg-new`);
  writeFile(ctx, host, unpack, 'rename', `${info}.list`, time + 970, `${info}.list-new`);
  if (base === 'logrotate') writeFile(ctx, host, unpack, 'creation', '/etc/cron.daily/logrotate', time + 975);
  exit(ctx, host, unpack, time + 990);
  const configure = exec(ctx, host, apt, { executable: '/usr/bin/dpkg', args: ['/usr/bin/dpkg', '--status-fd', '43', '--configure', '--pending'] }, time + 1000);
  const postinst = exec(ctx, host, configure, { executable: `${info}.postinst`, args: ['/bin/sh', `${info}.postinst`, 'configure', version], workingDirectory: '/' }, time + 1010);
  run(ctx, host, postinst, ctx.rng.chance(0.5) ? { executable: '/usr/sbin/ldconfig', args: ['/sbin/ldconfig'] } : { executable: '/usr/bin/deb-systemd-helper', args: ['/usr/bin/perl', '/usr/bin/deb-systemd-helper', 'update-state', `${base}.service`] }, time + 1020);
  exit(ctx, host, postinst, time + 1100);
  exit(ctx, host, configure, time + 1110);
  exit(ctx, host, apt, time + 1200);
  exit(ctx, host, sudo, time + 1210);
};

/** dnf makecache / upgrade: rpm scriptlets run from /var/tmp/rpm-tmp.* files. */
const dnfActivity: Activity = (ctx, host, time) => {
  if (ctx.rng.chance(0.5)) {
    const dnf = exec(ctx, host, host.resident.init, { executable: '/usr/bin/dnf', args: ['/usr/bin/python3', '/usr/bin/dnf', 'makecache', '--timer'] }, time);
    connectOut(ctx, host, dnf, ctx.rng.pick(RHEL_MIRROR), 443, time + 200);
    writeFile(ctx, host, dnf, 'creation', `/var/cache/dnf/rhel-9-for-x86_64-baseos-rpms-${ctx.rng.hex(16)}/repodata/repomd.xml`, time + 900);
    exit(ctx, host, dnf, time + 2000);
    return;
  }
  const shell = shellFor(ctx, host, time);
  const [pkg, version, payload] = ctx.rng.pick(RHEL_PACKAGES);
  const sudo = exec(ctx, host, shell, { executable: '/usr/bin/sudo', args: ['sudo', 'dnf', 'upgrade', '-y', pkg] }, time + 300);
  const dnf = exec(ctx, host, sudo, { executable: '/usr/bin/dnf', args: ['/usr/bin/python3', '/usr/bin/dnf', 'upgrade', '-y', pkg], user: host.root }, time + 320);
  connectOut(ctx, host, dnf, ctx.rng.pick(RHEL_MIRROR), 443, time + 400);
  writeFile(ctx, host, dnf, 'creation', `/var/cache/dnf/rhel-9-for-x86_64-appstream-rpms-${ctx.rng.hex(16)}/packages/${pkg}-${version}.x86_64.rpm`, time + 900);
  writeFile(ctx, host, dnf, 'creation', `${payload};${ctx.rng.hex(8)}`, time + 1000);
  writeFile(ctx, host, dnf, 'rename', payload, time + 1010, `${payload};${ctx.rng.hex(8)}`);
  writeFile(ctx, host, dnf, 'modification', '/var/lib/rpm/rpmdb.sqlite-wal', time + 1020);
  const scriptlet = exec(ctx, host, dnf, { executable: '/usr/bin/bash', args: ['/bin/sh', `/var/tmp/rpm-tmp.${ctx.rng.alphanumeric(6)}`, '1'], workingDirectory: '/' }, time + 1100);
  run(ctx, host, scriptlet, ctx.rng.chance(0.5) ? { executable: '/usr/bin/systemctl', args: ['systemctl', 'daemon-reload'] } : { executable: '/usr/sbin/ldconfig', args: ['/sbin/ldconfig'] }, time + 1110);
  exit(ctx, host, scriptlet, time + 1200);
  exit(ctx, host, dnf, time + 1300);
  exit(ctx, host, sudo, time + 1310);
};

const serviceTraffic: Activity = (ctx, host, time) => {
  const service = host.resident.service;
  if (!service) return sshNoise(ctx, host, time);
  switch (host.role) {
    case 'web':
      acceptIn(ctx, host, service, ctx.rng.pick(WEB_CLIENTS), 443, time);
      if (ctx.rng.chance(0.3)) writeFile(ctx, host, service, 'modification', '/var/log/nginx/access.log', time + 2);
      return;
    case 'db':
      acceptIn(ctx, host, service, `10.10.${ctx.rng.int(0, 3)}.${ctx.rng.int(10, 250)}`, 5432, time);
      return;
    case 'ci': {
      connectOut(ctx, host, service, ctx.rng.pick(GITHUB), 443, time);
      if (ctx.rng.chance(0.4)) ciBuild(ctx, host, service, time + 50);
      return;
    }
    case 'k8s':
      connectOut(ctx, host, service, '10.10.3.10', 6443, time);
      return;
    default:
      acceptIn(ctx, host, service, `10.10.${ctx.rng.int(0, 5)}.${ctx.rng.int(2, 250)}`, 514, time);
  }
};

function ciBuild(ctx: ActivityContext, host: FleetHost, jenkins: ProcessInfo, time: number): void {
  const job = ctx.rng.pick(['api-gateway', 'billing-service', 'web-frontend']);
  const workspace = `/var/lib/jenkins/workspace/${job}`;
  const script = `/tmp/jenkins${ctx.rng.int(1000000000, 9999999999)}.sh`;
  writeFile(ctx, host, jenkins, 'creation', script, time);
  const sh = exec(ctx, host, jenkins, { executable: '/usr/bin/dash', args: ['/bin/sh', '-xe', script], workingDirectory: workspace }, time + 10);
  const git = run(ctx, host, sh, { executable: '/usr/bin/git', args: ['git', 'fetch', '--tags', '--force', '--progress', '--', `https://github.com/acme/${job}.git`], workingDirectory: workspace }, time + 20, 1500);
  connectOut(ctx, host, git, ctx.rng.pick(GITHUB), 443, time + 30);
  run(ctx, host, sh, { executable: '/usr/bin/npm', args: ['npm', 'ci', '--no-audit'], workingDirectory: workspace }, time + 1600, 20000);
  writeFile(ctx, host, sh, 'creation', `${workspace}/dist/bundle.js`, time + 21000);
  run(ctx, host, sh, { executable: '/usr/bin/docker', args: ['docker', 'build', '-t', `registry.acme.internal/${job}:${ctx.rng.hex(7)}`, '.'], workingDirectory: workspace }, time + 21500, 30000);
  exit(ctx, host, sh, time + 52000);
}

/** Internet background noise on sshd: a few failed logins from a scanner. */
const sshNoise: Activity = (ctx, host, time) => {
  const from = ctx.rng.pick(SCANNERS);
  const user = ctx.rng.pick(['root', 'admin', 'test', 'oracle', 'ubuntu', 'git']);
  const sshd = host.resident.sshd;
  const attempts = ctx.rng.int(1, 4);
  for (let i = 0; i < attempts; i++) {
    acceptIn(ctx, host, sshd, from, 22, time + i * 2500);
    sshLogin(ctx, host, { user, sourceIp: from, sourcePort: ctx.rng.int(30000, 65000), success: false, method: 'password', sshdPid: sshd.pid }, time + i * 2500 + 1800);
  }
};

/** A user editing their crontab and cron later running a user job. */
const userCrontab: Activity = (ctx, host, time) => {
  const shell = shellFor(ctx, host, time);
  const crontab = exec(ctx, host, shell, { executable: '/usr/bin/crontab', args: ['crontab', '-e'], workingDirectory: shell.workingDirectory }, time + 200);
  const spool = host.distro === 'rhel' ? `/var/spool/cron/${shell.user.name}` : `/var/spool/cron/crontabs/${shell.user.name}`;
  writeFile(ctx, host, crontab, 'creation', `${spool.slice(0, spool.lastIndexOf('/'))}/tmp.${ctx.rng.alphanumeric(6)}`, time + 20000);
  writeFile(ctx, host, crontab, 'rename', spool, time + 20010, `${spool.slice(0, spool.lastIndexOf('/'))}/tmp.${ctx.rng.alphanumeric(6)}`);
  exit(ctx, host, crontab, time + 20020);
};

const LINUX_NOISE: ReadonlyArray<readonly [Activity, number]> = [
  [linuxShellCommand, 30],
  [cronJob, 18],
  [systemdTimer, 8],
  [serviceTraffic, 26],
  [sshNoise, 5],
  [userCrontab, 1],
];

// ---------------------------------------------------------------------------
// Windows

const sid = (user: UserInfo) => user.id;

function windowsUserProcess(ctx: ActivityContext, host: FleetHost, time: number, executable: string, args: string[], commandLine?: string): ProcessInfo {
  const explorer = host.resident.explorer;
  return exec(ctx, host, explorer, { executable, args, ...(commandLine ? { commandLine } : {}), windows: signerFor(executable) }, time);
}

function signerFor(executable: string): { signer: string } {
  if (executable.includes('Google')) return { signer: 'Google LLC' };
  if (executable.includes('Mozilla')) return { signer: 'Mozilla Corporation' };
  if (executable.includes('Windows\\') && !executable.includes('Program Files')) return { signer: 'Microsoft Windows' };
  return { signer: 'Microsoft Corporation' };
}

const WINDOWS_APPS: ReadonlyArray<readonly [string, string[], string | null]> = [
  ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', ['chrome.exe'], 'google'],
  ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', ['msedge.exe', '--single-argument', 'https://intranet.corp.local/'], 'microsoft'],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', ['OUTLOOK.EXE'], 'microsoft'],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', ['WINWORD.EXE', '/n', 'C:\\Users\\%USER%\\Documents\\Quarterly Report.docx'], null],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE', ['EXCEL.EXE', 'C:\\Users\\%USER%\\Documents\\Budget 2024.xlsx'], null],
  ['C:\\Users\\%USER%\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe', ['Teams.exe', '--system-initiated'], 'microsoft'],
  ['C:\\Windows\\System32\\notepad.exe', ['notepad.exe', 'C:\\Users\\%USER%\\Desktop\\notes.txt'], null],
];

const windowsApp: Activity = (ctx, host, time) => {
  const user = host.users[0];
  const [executableTemplate, argsTemplate, network] = ctx.rng.pick(WINDOWS_APPS);
  const executable = executableTemplate.replace('%USER%', user.name);
  const args = argsTemplate.map((a) => a.replace('%USER%', user.name));
  args[0] = executable;
  const commandLine = args.map((a) => (a.includes(' ') ? `"${a}"` : a)).join(' ');
  const app = windowsUserProcess(ctx, host, time, executable, args, commandLine);
  if (network === 'google') connectOut(ctx, host, app, ctx.rng.pick(GOOGLE), 443, time + 300);
  if (network === 'microsoft') connectOut(ctx, host, app, ctx.rng.pick(MICROSOFT), 443, time + 300);
  const profile = `C:\\Users\\${user.name}`;
  if (app.name === 'chrome.exe') writeFile(ctx, host, app, 'creation', `${profile}\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Cache\\Cache_Data\\f_${ctx.rng.hex(6)}`, time + 900);
  if (app.name === 'OUTLOOK.EXE') {
    writeFile(ctx, host, app, 'creation', `${profile}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\${ctx.rng.alphanumeric(8).toUpperCase()}\\Invoice_${ctx.rng.int(1000, 9999)}.pdf`, time + 4000);
  }
  if (app.name === 'WINWORD.EXE') {
    writeFile(ctx, host, app, 'creation', `${profile}\\Documents\\~WRL${ctx.rng.int(1000, 9999)}.tmp`, time + 60000);
    setRegistry(ctx, host, app, { hive: 'HKEY_USERS', key: `${sid(user)}\\Software\\Microsoft\\Office\\16.0\\Word\\Reading Locations\\Document 0`, value: 'Datetime', strings: [new Date(time).toISOString().slice(0, 16)] }, time + 61000);
  }
  if (ctx.rng.chance(0.5)) exit(ctx, host, app, time + ctx.rng.int(60000, 3600000));
};

const windowsScheduledTask: Activity = (ctx, host, time) => {
  const schedule = host.resident.schedule;
  const [executable, args, signer] = ctx.rng.pick<readonly [string, string[], string]>([
    ['C:\\Windows\\System32\\taskhostw.exe', ['taskhostw.exe', 'Install $(Arg0)'], 'Microsoft Windows'],
    ['C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24030.9-0\\MpCmdRun.exe', ['MpCmdRun.exe', '-IdleTask', '-TaskName', 'WdCacheMaintenance'], 'Microsoft Windows'],
    ['C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe', ['GoogleUpdate.exe', '/ua', '/installsource', 'scheduler'], 'Google LLC'],
    ['C:\\Windows\\System32\\sc.exe', ['sc.exe', 'start', 'wuauserv'], 'Microsoft Windows'],
    ['C:\\Windows\\System32\\rundll32.exe', ['rundll32.exe', 'C:\\Windows\\system32\\Windows.Storage.ApplicationData.dll,CleanupTemporaryState'], 'Microsoft Windows'],
  ]);
  const task = run(ctx, host, schedule, { executable, args: [executable, ...args.slice(1)], commandLine: `"${executable}" ${args.slice(1).join(' ')}`, windows: { signer } }, time, ctx.rng.int(200, 20000));
  if (task.name === 'GoogleUpdate.exe') connectOut(ctx, host, task, ctx.rng.pick(GOOGLE), 443, time + 500);
};

const windowsServices: Activity = (ctx, host, time) => {
  const services = host.resident.services;
  const group = ctx.rng.pick(['LocalServiceNetworkRestricted', 'netsvcs', 'LocalService', 'NetworkService', 'wusvcs', 'UnistackSvcGroup']);
  const svchost = run(ctx, host, services, { executable: 'C:\\Windows\\System32\\svchost.exe', args: ['C:\\Windows\\system32\\svchost.exe', '-k', group, '-p'] }, time, ctx.rng.int(1000, 600000));
  if (group === 'wusvcs' || group === 'netsvcs') {
    connectOut(ctx, host, svchost, ctx.rng.pick(MICROSOFT), 443, time + 200);
    writeFile(ctx, host, svchost, 'creation', `C:\\Windows\\SoftwareDistribution\\Download\\${ctx.rng.hex(32)}\\${ctx.rng.hex(40)}.cab`, time + 5000);
  }
  writeFile(ctx, host, svchost, 'modification', `C:\\Windows\\Prefetch\\${ctx.rng.pick(['CHROME.EXE', 'SVCHOST.EXE', 'TEAMS.EXE', 'OUTLOOK.EXE'])}-${ctx.rng.hex(8).toUpperCase()}.pf`, time + 800);
};

const WINDOWS_ADMIN_COMMANDS: ReadonlyArray<readonly [string, string]> = [
  ['C:\\Windows\\System32\\ipconfig.exe', 'ipconfig /all'],
  ['C:\\Windows\\System32\\net.exe', 'net use'],
  ['C:\\Windows\\System32\\gpupdate.exe', 'gpupdate /force'],
  ['C:\\Windows\\System32\\whoami.exe', 'whoami /groups'],
  ['C:\\Windows\\System32\\tasklist.exe', 'tasklist /v'],
  ['C:\\Windows\\System32\\PING.EXE', 'ping -n 4 10.20.0.10'],
  ['C:\\Windows\\System32\\nslookup.exe', 'nslookup intranet.corp.local'],
  ['C:\\Windows\\System32\\systeminfo.exe', 'systeminfo'],
];

const windowsAdminShell: Activity = (ctx, host, time) => {
  let shell = host.shells.find((p) => p.name === 'cmd.exe');
  if (!shell || ctx.rng.chance(0.15)) {
    shell = windowsUserProcess(ctx, host, time, 'C:\\Windows\\System32\\cmd.exe', ['C:\\Windows\\system32\\cmd.exe'], '"C:\\Windows\\system32\\cmd.exe" ');
    rememberShell(host, shell);
  }
  const [executable, commandLine] = ctx.rng.pick(WINDOWS_ADMIN_COMMANDS);
  run(ctx, host, shell, { executable, args: commandLine.split(' '), commandLine }, time + 2000, ctx.rng.int(50, 3000));
};

const BENIGN_ENCODED = Buffer.from('Get-CimInstance -ClassName Win32_Battery | Select-Object -Property EstimatedChargeRemaining, BatteryStatus', 'utf16le').toString('base64');

const windowsPowerShell: Activity = (ctx, host, time) => {
  const executable = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
  const commandLine = ctx.rng.pick([
    `"${executable}" -NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\Inventory.ps1`,
    `"${executable}" -NoLogo -NonInteractive -Command "Get-Service | Where-Object Status -eq 'Stopped'"`,
    `"${executable}" -NoProfile -NonInteractive -EncodedCommand ${BENIGN_ENCODED}`,
  ]);
  const parent = commandLine.includes('EncodedCommand') ? host.resident.schedule : host.resident.explorer;
  const args = [executable, ...commandLine.slice(executable.length + 3).split(' ')];
  run(ctx, host, parent, { executable, args, commandLine, ...(parent === host.resident.schedule ? { user: host.root } : {}) }, time, ctx.rng.int(500, 8000));
};

const windowsRegistry: Activity = (ctx, host, time) => {
  const user = host.users[0];
  const explorer = host.resident.explorer;
  const choice = ctx.rng.int(0, 4);
  if (choice === 0) {
    setRegistry(ctx, host, explorer, { hive: 'HKEY_USERS', key: `${sid(user)}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs\\.docx`, value: 'MRUListEx', strings: [], dataType: 'REG_BINARY' }, time);
  } else if (choice === 1) {
    const onedrive = `C:\\Users\\${user.name}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe`;
    const process = exec(ctx, host, explorer, { executable: onedrive, args: [onedrive, '/background'], commandLine: `"${onedrive}" /background`, windows: { signer: 'Microsoft Corporation' } }, time);
    setRegistry(ctx, host, process, { hive: 'HKEY_USERS', key: `${sid(user)}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`, value: 'OneDrive', strings: [`"${onedrive}" /background`] }, time + 2000);
    connectOut(ctx, host, process, ctx.rng.pick(MICROSOFT), 443, time + 2500);
  } else if (choice === 2) {
    const teams = `C:\\Users\\${user.name}\\AppData\\Local\\Microsoft\\Teams\\Update.exe`;
    const process = exec(ctx, host, explorer, { executable: teams, args: [teams, '--processStart', 'Teams.exe', '--process-start-args', '--system-initiated'], windows: { signer: 'Microsoft Corporation' } }, time);
    setRegistry(ctx, host, process, { hive: 'HKEY_USERS', key: `${sid(user)}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`, value: 'com.squirrel.Teams.Teams', strings: [`${teams} --processStart "Teams.exe" --process-start-args "--system-initiated"`] }, time + 1500);
  } else if (choice === 3) {
    setRegistry(ctx, host, host.resident.defender, { hive: 'HKLM', key: 'SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates', value: 'SignaturesLastUpdated', strings: [], dataType: 'REG_BINARY' }, time);
  } else {
    setRegistry(ctx, host, host.resident.services, { hive: 'HKLM', key: `SYSTEM\\ControlSet001\\Services\\bam\\State\\UserSettings\\${sid(user)}`, value: `\\Device\\HarddiskVolume3\\Windows\\System32\\notepad.exe`, strings: [], dataType: 'REG_BINARY' }, time);
  }
};

const domainControllerTraffic: Activity = (ctx, host, time) => {
  if (host.role !== 'dc') return windowsServices(ctx, host, time);
  const lsass = host.resident.lsass;
  const client = `10.20.${ctx.rng.int(7, 10)}.${ctx.rng.int(10, 250)}`;
  acceptIn(ctx, host, lsass, client, ctx.rng.pick([88, 389, 445, 135]), time);
};

const iisTraffic: Activity = (ctx, host, time) => {
  const w3wp = host.resident.service;
  if (!w3wp) return windowsApp(ctx, host, time);
  acceptIn(ctx, host, w3wp, ctx.rng.pick(WEB_CLIENTS), 443, time);
  if (ctx.rng.chance(0.1)) writeFile(ctx, host, w3wp, 'creation', `C:\\inetpub\\temp\\IIS Temporary Compressed Files\\DefaultAppPool\\$^_gzip_C^\\INETPUB\\WWWROOT\\${ctx.rng.hex(8)}.css`, time + 5);
};

const WINDOWS_NOISE: ReadonlyArray<readonly [Activity, number]> = [
  [windowsApp, 24],
  [windowsScheduledTask, 14],
  [windowsServices, 14],
  [windowsAdminShell, 8],
  [windowsPowerShell, 5],
  [windowsRegistry, 18],
  [domainControllerTraffic, 8],
  [iisTraffic, 9],
];

// ---------------------------------------------------------------------------
// macOS

const MAC_DAEMONS: ReadonlyArray<readonly [string, string[]]> = [
  ['/System/Library/Frameworks/CoreServices.framework/Frameworks/Metadata.framework/Versions/A/Support/mdworker_shared', ['mdworker_shared', '-s', 'mdworker', '-c', 'MDSImporterWorker', '-m', 'com.apple.mdworker.shared']],
  ['/System/Library/PrivateFrameworks/SoftwareUpdate.framework/Resources/softwareupdated', ['/System/Library/PrivateFrameworks/SoftwareUpdate.framework/Resources/softwareupdated']],
  ['/usr/libexec/trustd', ['/usr/libexec/trustd', '--agent']],
  ['/Library/Apple/System/Library/CoreServices/XProtect.app/Contents/MacOS/XProtect', ['XProtect']],
  ['/usr/libexec/periodic-wrapper', ['/usr/libexec/periodic-wrapper', 'daily']],
  ['/System/Library/CoreServices/backupd.bundle/Contents/Resources/backupd', ['/System/Library/CoreServices/backupd.bundle/Contents/Resources/backupd']],
];

const macDaemon: Activity = (ctx, host, time) => {
  const [executable, args] = ctx.rng.pick(MAC_DAEMONS);
  const daemon = run(ctx, host, host.resident.init, { executable, args, user: host.root }, time, ctx.rng.int(100, 30000));
  if (daemon.name === 'softwareupdated') connectOut(ctx, host, daemon, ctx.rng.pick(APPLE), 443, time + 400);
};

const MAC_COMMANDS: ReadonlyArray<readonly [string, string[]]> = [
  ['/usr/bin/git', ['git', 'status']],
  ['/usr/bin/git', ['git', 'push', 'origin', 'main']],
  ['/opt/homebrew/bin/brew', ['brew', 'update']],
  ['/bin/ls', ['ls', '-la']],
  ['/usr/bin/python3', ['python3', 'manage.py', 'runserver']],
  ['/usr/bin/ssh', ['ssh', 'bastion-01']],
  ['/usr/local/bin/code', ['code', '.']],
  ['/opt/homebrew/bin/node', ['node', 'server.js']],
  ['/usr/bin/defaults', ['defaults', 'read', 'com.apple.dock']],
];

const macShell: Activity = (ctx, host, time) => {
  let shell = host.shells[host.shells.length - 1];
  const user = host.users[0];
  if (!shell || ctx.rng.chance(0.1)) {
    const login = exec(ctx, host, host.resident.terminal, { executable: '/usr/bin/login', args: ['login', '-pf', user.name], user: host.root }, time);
    shell = exec(ctx, host, login, { executable: '/bin/zsh', args: ['-zsh'], user, workingDirectory: `/Users/${user.name}` }, time + 30);
    rememberShell(host, shell);
  }
  const [executable, args] = ctx.rng.pick(MAC_COMMANDS);
  const command = run(ctx, host, shell, { executable, args, workingDirectory: `/Users/${user.name}/src/app` }, time + 500, ctx.rng.int(50, 20000));
  if (command.name === 'brew') {
    connectOut(ctx, host, command, ctx.rng.pick(GITHUB), 443, time + 600);
    const formula = ctx.rng.pick(['jq', 'wget', 'gnupg', 'python@3.12']);
    writeFile(ctx, host, command, 'creation', `/opt/homebrew/Cellar/${formula}/${ctx.rng.int(1, 3)}.${ctx.rng.int(0, 12)}/INSTALL_RECEIPT.json`, time + 9000);
  }
};

const macApps: Activity = (ctx, host, time) => {
  const user = host.users[0];
  const [executable, destination] = ctx.rng.pick<readonly [string, readonly string[]]>([
    ['/Applications/Safari.app/Contents/MacOS/Safari', APPLE],
    ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', GOOGLE],
    ['/Applications/Slack.app/Contents/MacOS/Slack', ['34.237.73.95', '3.226.144.108']],
    ['/Applications/Microsoft Outlook.app/Contents/MacOS/Microsoft Outlook', MICROSOFT],
  ]);
  const app = exec(ctx, host, host.resident.init, { executable, args: [executable], user }, time);
  connectOut(ctx, host, app, ctx.rng.pick(destination), 443, time + 700);
  writeFile(ctx, host, app, 'creation', `/Users/${user.name}/Library/Caches/${app.name.replace(/ /g, '')}/Cache.db-wal`, time + 1500);
};

/** Legitimate updaters dropping launch agent/daemon plists (no launchctl from the same process). */
const macUpdaterPlist: Activity = (ctx, host, time) => {
  const user = host.users[0];
  const [executable, plist] = ctx.rng.pick<readonly [string, string]>([
    ['/Users/%USER%/Library/Google/GoogleSoftwareUpdate/GoogleSoftwareUpdate.bundle/Contents/Helpers/GoogleSoftwareUpdateAgent.app/Contents/MacOS/GoogleSoftwareUpdateAgent', '/Users/%USER%/Library/LaunchAgents/com.google.keystone.agent.plist'],
    ['/Library/Application Support/Microsoft/MAU2.0/Microsoft AutoUpdate.app/Contents/MacOS/Microsoft Update Assistant.app/Contents/MacOS/Microsoft Update Assistant', '/Library/LaunchDaemons/com.microsoft.autoupdate.helper.plist'],
    ['/Library/Application Support/JAMF/Jamf.app/Contents/MacOS/JamfDaemon.app/Contents/MacOS/JamfDaemon', '/Library/LaunchDaemons/com.jamf.management.daemon.plist'],
  ]);
  const updater = run(ctx, host, host.resident.init, { executable: executable.replace('%USER%', user.name), args: [executable.replace('%USER%', user.name)] }, time, 5000);
  writeFile(ctx, host, updater, 'launch_daemon', plist.replace('%USER%', user.name), time + 2000);
};

/** Jamf notifying the user with osascript (a benign dialog: no password prompt). */
const jamfNotice: Activity = (ctx, host, time) => {
  const jamf = exec(ctx, host, host.resident.init, { executable: '/usr/local/jamf/bin/jamf', args: ['/usr/local/jamf/bin/jamf', 'policy', '-event', 'recurring'], user: host.root }, time);
  run(ctx, host, jamf, { executable: '/usr/bin/osascript', args: ['osascript', '-e', 'display dialog "Your Mac will restart in 10 minutes to finish installing updates." buttons {"OK"} default button 1'], user: host.root }, time + 800, 60000);
  exit(ctx, host, jamf, time + 61000);
};

const MAC_NOISE: ReadonlyArray<readonly [Activity, number]> = [
  [macDaemon, 30],
  [macShell, 30],
  [macApps, 30],
  [macUpdaterPlist, 3],
  [jamfNotice, 2],
];

const UBUNTU_NOISE: ReadonlyArray<readonly [Activity, number]> = [...LINUX_NOISE, [aptUpdate, 3], [aptInstall, 3]];
const RHEL_NOISE: ReadonlyArray<readonly [Activity, number]> = [...LINUX_NOISE, [dnfActivity, 6]];

export const NOISE_BY_DISTRO: Readonly<Record<Distro, ReadonlyArray<readonly [Activity, number]>>> = {
  ubuntu: UBUNTU_NOISE,
  rhel: RHEL_NOISE,
  windows: WINDOWS_NOISE,
  macos: MAC_NOISE,
};
