// Helpers shared by the noise and scenario generators: spawn a process and
// emit its events, write files, open connections, set registry values.
import type { EventDocument } from '../values.ts';
import type { Random } from './random.ts';
import {
  fileEvent,
  networkEvent,
  processEvent,
  registryEvent,
  sshLoginEvent,
  type Connection,
  type DataStreamName,
  type FileAction,
  type ProcessInfo,
  type RegistryChange,
  type SshLogin,
} from './ecs.ts';
import { spawn, type FleetHost, type SpawnSpec } from './fleet.ts';

export interface ActivityContext {
  rng: Random;
  emit(stream: DataStreamName, event: EventDocument): void;
}

/** Starts a process (spawn + start event). */
export function exec(ctx: ActivityContext, host: FleetHost, parent: ProcessInfo | undefined, spec: SpawnSpec, time: number): ProcessInfo {
  const process = spawn(ctx.rng, host, parent, spec);
  ctx.emit('process', processEvent(ctx.rng, host.info, process, 'start', time));
  return process;
}

export function exit(ctx: ActivityContext, host: FleetHost, process: ProcessInfo, time: number): void {
  ctx.emit('process', processEvent(ctx.rng, host.info, process, 'end', time));
}

/** Starts a short-lived process and emits its end `durationMs` later. */
export function run(ctx: ActivityContext, host: FleetHost, parent: ProcessInfo | undefined, spec: SpawnSpec, time: number, durationMs = 40): ProcessInfo {
  const process = exec(ctx, host, parent, spec, time);
  exit(ctx, host, process, time + durationMs);
  return process;
}

export function writeFile(
  ctx: ActivityContext,
  host: FleetHost,
  process: ProcessInfo,
  action: FileAction,
  path: string,
  time: number,
  originalPath?: string,
): void {
  ctx.emit('file', fileEvent(ctx.rng, host.info, process, action, path, time, originalPath));
}

export function connect(ctx: ActivityContext, host: FleetHost, process: ProcessInfo, connection: Connection, time: number): void {
  ctx.emit('network', networkEvent(ctx.rng, host.info, process, connection, time));
}

/** An outbound TCP connection from the host to `ip:port`. */
export function connectOut(ctx: ActivityContext, host: FleetHost, process: ProcessInfo, ip: string, port: number, time: number): void {
  connect(ctx, host, process, { direction: 'egress', sourceIp: host.info.ip, sourcePort: ctx.rng.int(32768, 60999), destinationIp: ip, destinationPort: port }, time);
}

/** An inbound TCP connection from `ip` to the host's `port`. */
export function acceptIn(ctx: ActivityContext, host: FleetHost, process: ProcessInfo, ip: string, port: number, time: number): void {
  connect(ctx, host, process, { direction: 'ingress', sourceIp: ip, sourcePort: ctx.rng.int(32768, 60999), destinationIp: host.info.ip, destinationPort: port }, time);
}

export function setRegistry(ctx: ActivityContext, host: FleetHost, process: ProcessInfo, change: RegistryChange, time: number): void {
  ctx.emit('registry', registryEvent(ctx.rng, host.info, process, change, time));
}

export function sshLogin(ctx: ActivityContext, host: FleetHost, login: SshLogin, time: number): void {
  ctx.emit('auth', sshLoginEvent(ctx.rng, host.info, login, time));
}
