// IP functions: CIDR_MATCH and IP_PREFIX.
import { cidrContains, parseCidr, type CidrBlock } from '../../ip.ts';
import { memoized, site } from '../compiled.ts';
import { ipBytesToValue, ipValueToBytes } from '../convert.ts';
import { coerce, scalarCall } from '../helpers.ts';
import type { Scalar, Value } from '../types.ts';
import { illegalArgument } from '../warnings.ts';
import { checkArity, integerArg, stringArg, type FunctionCompiler } from './shared.ts';

function blocksOf(value: Value): CidrBlock[] {
  const blocks: CidrBlock[] = [];
  for (const v of value === null ? [] : Array.isArray(value) ? value : [value]) {
    const block = parseCidr(String(v));
    if (block) blocks.push(block);
  }
  return blocks;
}

const cidrMatch: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2, Infinity);
  const ip = coerce(args[0]!, 'ip', call.args[0]!.span);
  const cidrs = args.slice(1).map((_, i) => stringArg(call, args, i + 1));
  const warnings = site(context, call.span);
  const ipEval = ip.eval;
  const test = (value: Value, blocks: CidrBlock[]): Value => {
    if (value === null) return null;
    if (Array.isArray(value)) {
      warnings.multiValue();
      return null;
    }
    const bytes = ipValueToBytes(value as string);
    return blocks.some((block) => cidrContains(block, bytes));
  };
  if (cidrs.every((c) => c.constant)) {
    const blocks = cidrs.flatMap((c) => blocksOf(c.eval({ src: null, vals: [] })));
    return memoized({ type: 'boolean', constant: ip.constant, eval: (row) => test(ipEval(row), blocks) });
  }
  const cidrEvals = cidrs.map((c) => c.eval);
  return { type: 'boolean', constant: false, eval: (row) => test(ipEval(row), cidrEvals.flatMap((e) => blocksOf(e(row)))) };
};

const ipPrefix: FunctionCompiler = (call, args, context) => {
  checkArity(call, 3);
  const ip = coerce(args[0]!, 'ip', call.args[0]!.span);
  return scalarCall(context, call.span, [ip, integerArg(call, args, 1), integerArg(call, args, 2)], 'ip', (value: Scalar, v4: Scalar, v6: Scalar) => {
    const bytes = ipValueToBytes(value as string);
    const ipv4 = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
    const length = (ipv4 ? v4 : v6) as number;
    if ((v4 as number) < 0 || (v4 as number) > 32) throw illegalArgument(`Prefix length v4 must be in range [0, 32], found ${v4 as number}`);
    if ((v6 as number) < 0 || (v6 as number) > 128) throw illegalArgument(`Prefix length v6 must be in range [0, 128], found ${v6 as number}`);
    const bits = ipv4 ? length + 96 : length;
    const out = new Uint8Array(16);
    for (let i = 0; i < 16; i++) {
      const keep = Math.max(0, Math.min(8, bits - i * 8));
      out[i] = bytes[i]! & ((0xff << (8 - keep)) & 0xff);
    }
    if (ipv4) {
      out[10] = 0xff;
      out[11] = 0xff;
    }
    return ipBytesToValue(out);
  });
};

export const networkFunctions: Record<string, FunctionCompiler> = {
  cidr_match: cidrMatch,
  ip_prefix: ipPrefix,
};
