// ECS event builders shaped like Elastic Defend (endpoint) and the System
// integration (auth) documents, plus the process model they describe.
import { createHash } from 'node:crypto';
import type { EventDocument, JsonObject } from '../values.ts';
import type { Random } from './random.ts';

export type OsKind = 'linux' | 'windows' | 'macos';

export interface UserInfo {
  name: string;
  id: string;
  domain?: string;
}

export interface WindowsImage {
  originalFileName: string;
  integrity: 'System' | 'High' | 'Medium' | 'Low';
  signer: string;
  trusted: boolean;
}

export interface ProcessInfo {
  pid: number;
  entityId: string;
  name: string;
  executable: string;
  commandLine: string;
  args: string[];
  workingDirectory?: string;
  user: UserInfo;
  parent?: ProcessInfo;
  windows?: WindowsImage;
}

export interface HostInfo {
  os: OsKind;
  id: string;
  name: string;
  ip: string;
  /** The `host` object every event of this host carries. */
  ecs: JsonObject;
  /** The `agent` object of endpoint events. */
  agent: JsonObject;
  /** The `agent` object of System integration (auth) events. */
  logAgent: JsonObject;
}

export type DataStreamName = 'process' | 'file' | 'network' | 'registry' | 'auth';

export const DATA_STREAMS: Readonly<Record<DataStreamName, { dataset: string; index: string }>> = {
  process: { dataset: 'endpoint.events.process', index: 'logs-endpoint.events.process-default' },
  file: { dataset: 'endpoint.events.file', index: 'logs-endpoint.events.file-default' },
  network: { dataset: 'endpoint.events.network', index: 'logs-endpoint.events.network-default' },
  registry: { dataset: 'endpoint.events.registry', index: 'logs-endpoint.events.registry-default' },
  auth: { dataset: 'system.auth', index: 'logs-system.auth-default' },
};

// JSON of objects many events share (host, agent, data stream, hashes, process
// blocks), serialized once and kept under a symbol key, which JSON.stringify skips.
const SHARED_JSON = Symbol('sharedJson');

/** Marks an object as shared and immutable, so `serializeEvent` reuses its JSON. */
export function shared<T extends JsonObject>(value: T): T {
  (value as unknown as Record<symbol, string>)[SHARED_JSON] = JSON.stringify(value);
  return value;
}

/** JSON text of an event, reusing the JSON of shared objects in its first two levels. */
export function serializeEvent(event: EventDocument): string {
  return serializeLevel(event, 0);
}

function serializeLevel(value: unknown, depth: number): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const cached = (value as Record<symbol, string | undefined>)[SHARED_JSON];
  if (cached !== undefined) return cached;
  if (depth > 1 || Array.isArray(value)) return JSON.stringify(value);
  let out = '{';
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    // Keys here are fixed ECS names: no escaping needed.
    out += `${out.length === 1 ? '"' : ',"'}${key}":${serializeLevel(item, depth + 1)}`;
  }
  return `${out}}`;
}

const ECS = shared({ version: '8.11.0' });

const DATA_STREAM_OBJECTS = {} as Record<DataStreamName, JsonObject>;
for (const stream of Object.keys(DATA_STREAMS) as DataStreamName[]) {
  DATA_STREAM_OBJECTS[stream] = shared({ dataset: DATA_STREAMS[stream].dataset, namespace: 'default', type: 'logs' });
}

const hashCache = new Map<string, JsonObject>();

/** Stable, real-looking hashes of an executable (derived from its path). */
function hashesOf(executable: string): JsonObject {
  let hashes = hashCache.get(executable);
  if (!hashes) {
    const digest = (algorithm: string) => createHash(algorithm).update(`huntkit-sample:${executable}`).digest('hex');
    hashes = shared({ md5: digest('md5'), sha1: digest('sha1'), sha256: digest('sha256') });
    hashCache.set(executable, hashes);
  }
  return hashes;
}

// A process's blocks are the same in every event about it: built and serialized once
// and kept on the process (weak maps would cost the garbage collector dearly here).
interface BlockCache {
  full?: JsonObject;
  short?: JsonObject;
  asParent?: JsonObject;
}
const BLOCKS = Symbol('blocks');

function blocksOf(process: ProcessInfo): BlockCache {
  const holder = process as ProcessInfo & { [BLOCKS]?: BlockCache };
  return (holder[BLOCKS] ??= {});
}

const userBlocks = new Map<UserInfo, JsonObject>();

function userBlock(user: UserInfo): JsonObject {
  let block = userBlocks.get(user);
  if (!block) {
    block = shared(user.domain === undefined ? { id: user.id, name: user.name } : { id: user.id, name: user.name, domain: user.domain });
    userBlocks.set(user, block);
  }
  return block;
}

function parentBlock(parent: ProcessInfo): JsonObject {
  const cache = blocksOf(parent);
  return (cache.asParent ??= shared({
      pid: parent.pid,
      entity_id: parent.entityId,
      name: parent.name,
      executable: parent.executable,
      command_line: parent.commandLine,
      args: parent.args,
      args_count: parent.args.length,
    }));
}

/** The `process` object of file, network and registry events. */
function shortProcessBlock(process: ProcessInfo): JsonObject {
  const cache = blocksOf(process);
  return (cache.short ??= shared({ pid: process.pid, entity_id: process.entityId, name: process.name, executable: process.executable }));
}

/** The `process` object of process events (command line, arguments, hashes, parent, Windows image facts). */
function fullProcessBlock(process: ProcessInfo): JsonObject {
  const cache = blocksOf(process);
  if (cache.full) return cache.full;
  const block: JsonObject = {
    pid: process.pid,
    entity_id: process.entityId,
    name: process.name,
    executable: process.executable,
    command_line: process.commandLine,
    args: process.args,
    args_count: process.args.length,
  };
  if (process.workingDirectory !== undefined) block.working_directory = process.workingDirectory;
  block.hash = hashesOf(process.executable);
  if (process.parent) block.parent = parentBlock(process.parent);
  if (process.windows) {
    block.pe = { original_file_name: process.windows.originalFileName };
    block.code_signature = {
      exists: true,
      subject_name: process.windows.signer,
      trusted: process.windows.trusted,
      status: process.windows.trusted ? 'trusted' : 'errorUntrustedRoot',
    };
    block.Ext = { token: { integrity_level_name: process.windows.integrity.toLowerCase() } };
  }
  cache.full = shared(block);
  return block;
}

interface EventFacts {
  action: string;
  category: string[];
  type: string[];
  outcome?: string;
}

function baseEvent(rng: Random, host: HostInfo, stream: DataStreamName, time: number, facts: EventFacts): EventDocument {
  const event: JsonObject = {
    action: facts.action,
    category: facts.category,
    type: facts.type,
    kind: 'event',
    dataset: DATA_STREAMS[stream].dataset,
    module: stream === 'auth' ? 'system' : 'endpoint',
    id: rng.eventId(),
  };
  if (facts.outcome !== undefined) event.outcome = facts.outcome;
  return {
    '@timestamp': new Date(time).toISOString(),
    agent: stream === 'auth' ? host.logAgent : host.agent,
    data_stream: DATA_STREAM_OBJECTS[stream],
    ecs: ECS,
    event,
    host: host.ecs,
  };
}

export type ProcessAction = 'start' | 'fork' | 'end';

/** A process start (`exec` on Linux/macOS, `start` on Windows), fork or end event. */
export function processEvent(rng: Random, host: HostInfo, process: ProcessInfo, action: ProcessAction, time: number): EventDocument {
  const verb = action === 'start' ? (host.os === 'windows' ? 'start' : 'exec') : action;
  const event = baseEvent(rng, host, 'process', time, {
    action: verb,
    category: ['process'],
    type: [action === 'end' ? 'end' : 'start'],
  });
  event.process = fullProcessBlock(process);
  event.user = userBlock(process.user);
  event.message = 'Endpoint process event';
  return event;
}

export type FileAction = 'creation' | 'modification' | 'overwrite' | 'rename' | 'deletion' | 'launch_daemon';

const FILE_EVENT_TYPE: Readonly<Record<FileAction, string>> = {
  creation: 'creation',
  modification: 'change',
  overwrite: 'change',
  rename: 'change',
  deletion: 'deletion',
  launch_daemon: 'creation',
};

export function fileEvent(
  rng: Random,
  host: HostInfo,
  process: ProcessInfo,
  action: FileAction,
  path: string,
  time: number,
  originalPath?: string,
): EventDocument {
  const event = baseEvent(rng, host, 'file', time, { action, category: ['file'], type: [FILE_EVENT_TYPE[action]] });
  const separator = host.os === 'windows' ? '\\' : '/';
  const cut = path.lastIndexOf(separator);
  const name = path.slice(cut + 1);
  const dot = name.lastIndexOf('.');
  const file: JsonObject = { path, name, directory: path.slice(0, Math.max(cut, 1)) };
  if (dot > 0 && dot < name.length - 1) file.extension = name.slice(dot + 1);
  if (originalPath !== undefined) file.Ext = { original: { path: originalPath, name: originalPath.slice(originalPath.lastIndexOf(separator) + 1) } };
  event.file = file;
  event.process = shortProcessBlock(process);
  event.user = userBlock(process.user);
  event.message = 'Endpoint file event';
  return event;
}

export interface Connection {
  direction: 'egress' | 'ingress';
  sourceIp: string;
  sourcePort: number;
  destinationIp: string;
  destinationPort: number;
  transport?: 'tcp' | 'udp';
}

export function networkEvent(rng: Random, host: HostInfo, process: ProcessInfo, connection: Connection, time: number): EventDocument {
  const action = connection.direction === 'egress' ? 'connection_attempted' : 'connection_accepted';
  const event = baseEvent(rng, host, 'network', time, { action, category: ['network'], type: ['start'] });
  event.source = { ip: connection.sourceIp, address: connection.sourceIp, port: connection.sourcePort };
  event.destination = { ip: connection.destinationIp, address: connection.destinationIp, port: connection.destinationPort };
  event.network = {
    direction: connection.direction,
    transport: connection.transport ?? 'tcp',
    type: connection.destinationIp.includes(':') ? 'ipv6' : 'ipv4',
  };
  event.process = shortProcessBlock(process);
  event.user = userBlock(process.user);
  event.message = 'Endpoint network event';
  return event;
}

export interface RegistryChange {
  hive: 'HKLM' | 'HKEY_USERS';
  /** Key below the hive, e.g. `S-1-5-21-…\Software\Microsoft\Windows\CurrentVersion\Run`. */
  key: string;
  value: string;
  strings: string[];
  dataType?: string;
}

export function registryEvent(rng: Random, host: HostInfo, process: ProcessInfo, change: RegistryChange, time: number): EventDocument {
  const event = baseEvent(rng, host, 'registry', time, { action: 'modification', category: ['registry'], type: ['change'] });
  event.registry = {
    hive: change.hive,
    key: change.key,
    path: `${change.hive}\\${change.key}\\${change.value}`,
    value: change.value,
    data: { strings: change.strings, type: change.dataType ?? 'REG_SZ' },
  };
  event.process = shortProcessBlock(process);
  event.user = userBlock(process.user);
  event.message = 'Endpoint registry event';
  return event;
}

export interface SshLogin {
  user: string;
  sourceIp: string;
  sourcePort: number;
  success: boolean;
  method: 'password' | 'publickey';
  sshdPid: number;
}

/** A System integration `system.auth` record of an sshd login attempt. */
export function sshLoginEvent(rng: Random, host: HostInfo, login: SshLogin, time: number): EventDocument {
  const event = baseEvent(rng, host, 'auth', time, {
    action: 'ssh_login',
    category: ['authentication', 'session'],
    type: login.success ? ['info', 'start'] : ['info'],
    outcome: login.success ? 'success' : 'failure',
  });
  const verb = login.success ? 'Accepted' : 'Failed';
  event.process = { name: 'sshd', pid: login.sshdPid };
  event.source = { ip: login.sourceIp, address: login.sourceIp, port: login.sourcePort };
  event.user = { name: login.user };
  event.related = { ip: [login.sourceIp], user: [login.user] };
  event.system = { auth: { ssh: { event: verb, method: login.method } } };
  event.message = `${verb} ${login.method} for ${login.user} from ${login.sourceIp} port ${login.sourcePort} ssh2`;
  return event;
}
