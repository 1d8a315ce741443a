// IP values as Elasticsearch stores them: 16 bytes, IPv4 as an IPv4-mapped
// IPv6 address (::ffff:a.b.c.d), so both families compare and match CIDRs alike.

export type IpAddress = Uint8Array;

export interface CidrBlock {
  /** The network address, masked to the prefix. */
  network: IpAddress;
  /** Prefix length counted over all 128 bits (an IPv4 /8 is 104). */
  prefixLength: number;
}

/** Parses dotted-quad IPv4 or RFC 4291 IPv6 text (with optional embedded IPv4 tail); undefined otherwise. */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) return parseIpv6(text);
  const v4 = parseIpv4(text);
  if (!v4) return undefined;
  const out = new Uint8Array(16);
  out[10] = 0xff;
  out[11] = 0xff;
  out.set(v4, 12);
  return out;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i];
    // Leading zeros are rejected, as ES does, since some tools read them as octal.
    if (!/^\d{1,3}$/.test(part) || (part.length > 1 && part[0] === '0')) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

function parseIpv6(text: string): IpAddress | undefined {
  let head = text;
  let tail: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) !== -1) {
    tail = parseIpv4(text.slice(lastColon + 1));
    if (!tail) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const left = halves[0] === '' ? [] : halves[0].split(':');
  const right = halves.length === 2 ? (halves[1] === '' ? [] : halves[1].split(':')) : [];
  const groups = left.length + right.length;
  if (halves.length === 1 ? groups !== 8 : groups > 7) return undefined;
  const words = [...left, ...new Array<string>(8 - groups).fill('0'), ...right];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const word = words[i];
    if (!/^[0-9a-fA-F]{1,4}$/.test(word)) return undefined;
    const n = parseInt(word, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  }
  if (tail) out.set(tail, 12);
  return out;
}

export function isIpv4Mapped(ip: IpAddress): boolean {
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return false;
  return ip[10] === 0xff && ip[11] === 0xff;
}

/** Canonical text: dotted quad for IPv4, RFC 5952 compressed form for IPv6. */
export function formatIp(ip: IpAddress): string {
  if (isIpv4Mapped(ip)) return `${ip[12]}.${ip[13]}.${ip[14]}.${ip[15]}`;
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((ip[i] << 8) | ip[i + 1]);
  // The longest run of two or more zero words becomes `::` (the first one on a tie).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (ws: number[]) => ws.map((w) => w.toString(16)).join(':');
  if (bestStart < 0) return hex(words);
  return `${hex(words.slice(0, bestStart))}::${hex(words.slice(bestStart + bestLength))}`;
}

/** Byte order comparison, the sort order of ES `ip` fields. */
export function compareIp(a: IpAddress, b: IpAddress): number {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Parses `address/prefix` (or a bare address as a full-length prefix); undefined when invalid. */
export function parseCidr(text: string): CidrBlock | undefined {
  const slash = text.indexOf('/');
  const address = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const ipv4 = !text.slice(0, slash < 0 ? undefined : slash).includes(':');
  const maxPrefix = ipv4 ? 32 : 128;
  let prefix = maxPrefix;
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > maxPrefix) return undefined;
  }
  const prefixLength = ipv4 ? prefix + 96 : prefix;
  return { network: maskIp(address, prefixLength), prefixLength };
}

function maskIp(ip: IpAddress, prefixLength: number): IpAddress {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const bits = Math.max(0, Math.min(8, prefixLength - i * 8));
    out[i] = ip[i] & ((0xff << (8 - bits)) & 0xff);
  }
  return out;
}

/** Whether an address lies inside a CIDR block. */
export function cidrContains(block: CidrBlock, ip: IpAddress): boolean {
  const fullBytes = block.prefixLength >> 3;
  for (let i = 0; i < fullBytes; i++) if (ip[i] !== block.network[i]) return false;
  const restBits = block.prefixLength & 7;
  if (restBits === 0) return true;
  const mask = (0xff << (8 - restBits)) & 0xff;
  return (ip[fullBytes] & mask) === block.network[fullBytes];
}

/** Convenience for text values: whether `ipText` parses and lies in any of the CIDR texts. */
export function cidrMatch(ipText: string, ...cidrs: string[]): boolean {
  const ip = parseIp(ipText);
  if (!ip) return false;
  return cidrs.some((cidr) => {
    const block = parseCidr(cidr);
    return block !== undefined && cidrContains(block, ip);
  });
}
