// Streaming event readers: NDJSON (the fast path), JSON arrays through a
// streaming splitter of top-level elements, both optionally gzip-compressed,
// and byte ranges of an NDJSON file so worker threads can share one file.
// Memory stays bounded by the chunk size (plus the longest line/element), and a
// malformed line or element is reported through `onWarning` and skipped.
import { open, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { EventDocument } from './values.ts';
import { describeEventFile, type EventFileFormat } from './indexPattern.ts';

export interface ReadWarning {
  file: string;
  /** 1-based line of the bad line or element; absent when a byte range starts mid-file. */
  line?: number;
  /** Byte offset (into the uncompressed data) where the bad line or element starts. */
  offset: number;
  message: string;
}

export interface ReadOptions {
  onWarning?: (warning: ReadWarning) => void;
  /** Bytes per read; each read yields one batch of events. Default 256 KiB. */
  chunkSize?: number;
  /** Longest line or array element accepted, in bytes; longer ones are skipped with a warning. Default 64 MiB. */
  maxRecordBytes?: number;
}

/** Half-open byte range [start, end) of an NDJSON file: it owns every line whose first byte lies inside it. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface EventFileRef {
  path: string;
  format: EventFileFormat;
  compressed: boolean;
}

const DEFAULT_CHUNK = 1 << 18;
const DEFAULT_MAX_RECORD = 64 << 20;
const NEWLINE = 10;

/** How to read a path: from its data extension, `.data` (EQL fixtures) being a JSON array. */
export function eventFileRef(path: string): EventFileRef {
  const name = basename(path);
  const described = describeEventFile(name);
  if (described) return { path, format: described.format, compressed: described.compressed };
  const compressed = name.endsWith('.gz');
  return { path, format: name.replace(/\.gz$/, '').endsWith('.ndjson') ? 'ndjson' : 'json', compressed };
}

/** Streams a file's events in batches (one per chunk read), whatever its format. */
export function readEventBatches(file: EventFileRef | string, options: ReadOptions = {}): AsyncGenerator<EventDocument[]> {
  const ref = typeof file === 'string' ? eventFileRef(file) : file;
  const chunks = ref.compressed ? gunzipChunks(ref.path, options) : fileChunks(ref.path, 0, options.chunkSize ?? DEFAULT_CHUNK);
  return ref.format === 'ndjson' ? ndjsonBatches(ref.path, chunks, 0, true, options) : jsonValueBatches(ref.path, chunks, options);
}

/** Streams every event of a file one by one (convenience over `readEventBatches`). */
export async function* readEvents(file: EventFileRef | string, options: ReadOptions = {}): AsyncGenerator<EventDocument> {
  for await (const batch of readEventBatches(file, options)) yield* batch;
}

/**
 * Streams the events of the lines an uncompressed NDJSON file's byte range owns.
 * Ranges that tile the file ([0,a), [a,b), …, [z,size)) together yield every line exactly once.
 */
export async function* readNdjsonRange(path: string, range: ByteRange, options: ReadOptions = {}): AsyncGenerator<EventDocument[]> {
  if (range.end <= range.start) return;
  const firstLine = range.start === 0 ? 0 : await lineStartAtOrAfter(path, range.start);
  if (firstLine >= range.end) return;
  const chunks = upToLineHolding(fileChunks(path, firstLine, options.chunkSize ?? DEFAULT_CHUNK), firstLine, range.end - 1);
  yield* ndjsonBatches(path, chunks, firstLine, range.start === 0, options);
}

/** Splits a file into `parts` byte ranges of near-equal size (line alignment happens when reading). */
export async function planByteRanges(path: string, parts: number): Promise<ByteRange[]> {
  const { size } = await stat(path);
  const count = Math.max(1, Math.min(parts, size));
  const ranges: ByteRange[] = [];
  for (let i = 0; i < count; i++) {
    ranges.push({ start: Math.floor((size * i) / count), end: Math.floor((size * (i + 1)) / count) });
  }
  return ranges;
}

/** Reads a file from `from` in chunks, the next read in flight while the consumer handles the current chunk. */
async function* fileChunks(path: string, from: number, chunkSize: number): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  let position = from;
  const readNext = () => {
    const buffer = Buffer.allocUnsafe(chunkSize);
    return handle.read(buffer, 0, chunkSize, position).then(({ bytesRead }) => {
      position += bytesRead;
      return bytesRead === chunkSize ? buffer : buffer.subarray(0, bytesRead);
    });
  };
  let pending = readNext();
  try {
    for (;;) {
      const chunk = await pending;
      if (chunk.length === 0) return;
      pending = readNext();
      yield chunk;
    }
  } finally {
    // Let an in-flight read settle before closing the handle under it.
    await pending.catch(() => undefined);
    await handle.close();
  }
}

async function* gunzipChunks(path: string, options: ReadOptions): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 }).pipe(createGunzip({ chunkSize: 1 << 18 }));
  let offset = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      offset += chunk.length;
      yield chunk;
    }
  } catch (error) {
    // A truncated or corrupt archive ends the file, it does not end the run.
    options.onWarning?.({ file: path, offset, message: `gzip data is corrupt or truncated: ${(error as Error).message}` });
  }
}

/** Offset of the first line that starts at or after `offset` (the file size when none does). */
async function lineStartAtOrAfter(path: string, offset: number): Promise<number> {
  // A line starts at `offset` when the byte before it is a newline.
  let position = offset - 1;
  for await (const chunk of fileChunks(path, position, 1 << 16)) {
    const newline = chunk.indexOf(NEWLINE);
    if (newline >= 0) return position + newline + 1;
    position += chunk.length;
  }
  return position;
}

/** Passes chunks (the first starting at byte `from`) through the end of the line holding byte `last`. */
async function* upToLineHolding(chunks: AsyncGenerator<Buffer>, from: number, last: number): AsyncGenerator<Buffer> {
  let chunkStart = from;
  try {
    for await (const chunk of chunks) {
      const lastIndex = last - chunkStart;
      if (lastIndex < chunk.length) {
        const cut = chunk.indexOf(NEWLINE, Math.max(0, lastIndex));
        if (cut >= 0) {
          yield chunk.subarray(0, cut + 1);
          return;
        }
      }
      chunkStart += chunk.length;
      yield chunk;
    }
  } finally {
    await chunks.return(undefined);
  }
}

/** Parses NDJSON lines from a chunk stream whose first byte starts a line at byte `baseOffset`. */
async function* ndjsonBatches(
  file: string,
  chunks: AsyncIterable<Buffer>,
  baseOffset: number,
  lineNumbersKnown: boolean,
  options: ReadOptions,
): AsyncGenerator<EventDocument[]> {
  const maxRecord = options.maxRecordBytes ?? DEFAULT_MAX_RECORD;
  const warn = options.onWarning;
  // The unfinished line carried between chunks, the byte offset where it starts, and its line number.
  let carry: Buffer | undefined;
  let lineOffset = baseOffset;
  let line = 1;
  let skippingLongLine = false;

  const report = (lineNumber: number, offset: number, message: string) =>
    warn?.(lineNumbersKnown ? { file, line: lineNumber, offset, message } : { file, offset, message });

  /** Parses the lines of `text` (no final newline), which starts at byte `textOffset`. */
  const parseLines = (text: string, textOffset: number, out: EventDocument[]) => {
    // Byte offsets are only needed for warnings: a cursor advanced on demand keeps that linear.
    let cursorChar = 0;
    let cursorByte = textOffset;
    const offsetOf = (charIndex: number) => {
      cursorByte += Buffer.byteLength(text.slice(cursorChar, charIndex));
      cursorChar = charIndex;
      return cursorByte;
    };
    let start = 0;
    for (;;) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (end > start) {
        let value: unknown;
        let failure: string | undefined;
        try {
          value = JSON.parse(text.slice(start, end));
          if (!isJsonObject(value)) failure = 'line is not a JSON object';
        } catch (error) {
          if (text.slice(start, end).trim() !== '') failure = `malformed JSON: ${(error as Error).message}`;
          value = undefined;
        }
        if (failure !== undefined) report(line, offsetOf(start), failure);
        else if (value !== undefined) out.push(value as EventDocument);
      }
      line++;
      if (end === text.length) return;
      start = end + 1;
    }
  };

  for await (let chunk of chunks) {
    if (skippingLongLine) {
      // The over-long line ends at the first newline.
      const newline = chunk.indexOf(NEWLINE);
      if (newline < 0) {
        lineOffset += chunk.length;
        continue;
      }
      lineOffset += newline + 1;
      line++;
      skippingLongLine = false;
      chunk = chunk.subarray(newline + 1);
    }
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline < 0) {
      carry = carry ? Buffer.concat([carry, chunk]) : Buffer.from(chunk);
      if (carry.length > maxRecord) {
        report(line, lineOffset, `line longer than ${maxRecord} bytes skipped`);
        lineOffset += carry.length;
        carry = undefined;
        skippingLongLine = true;
      }
      continue;
    }
    const body = carry ? Buffer.concat([carry, chunk.subarray(0, lastNewline)]) : chunk.subarray(0, lastNewline);
    const out: EventDocument[] = [];
    parseLines(body.toString('utf8'), lineOffset, out);
    lineOffset += body.length + 1;
    const rest = chunk.subarray(lastNewline + 1);
    carry = rest.length > 0 ? Buffer.from(rest) : undefined;
    if (out.length > 0) yield out;
  }
  if (carry) {
    const out: EventDocument[] = [];
    parseLines(carry.toString('utf8'), lineOffset, out);
    if (out.length > 0) yield out;
  }
}

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

function isJsonWhitespace(c: number): boolean {
  return c === 32 || c === NEWLINE || c === 13 || c === 9;
}

/**
 * Streams the top-level values of a JSON text: the elements of a top-level array,
 * or each value of a stream of concatenated values (`{…}{…}`, one object per line).
 * Scanning only finds element boundaries (jumping over string contents with indexOf);
 * each element is then handed to JSON.parse.
 */
async function* jsonValueBatches(file: string, chunks: AsyncIterable<Buffer>, options: ReadOptions): AsyncGenerator<EventDocument[]> {
  const maxRecord = options.maxRecordBytes ?? DEFAULT_MAX_RECORD;
  const warn = options.onWarning;
  // 'start': before the first value; 'array': inside a top-level array (element depth 1);
  // 'stream': concatenated values (element depth 0); 'done': the top-level array was closed.
  let mode: 'start' | 'array' | 'stream' | 'done' = 'start';
  let elementDepth = 0;
  let depth = 0;
  let inString = false;
  let escapePending = false;
  let line = 1;
  let chunkOffset = 0;
  let trailingWarned = false;
  // The element being collected: its buffered pieces, where it starts in the current chunk, its position and size.
  let collecting = false;
  let pieces: Buffer[] = [];
  let pieceStart = 0;
  let elementLine = 0;
  let elementOffset = 0;
  let elementBytes = 0;
  let oversized = false;

  const begin = (at: number) => {
    collecting = true;
    pieces = [];
    pieceStart = at;
    elementLine = line;
    elementOffset = chunkOffset + at;
    elementBytes = 0;
    oversized = false;
  };
  const finish = (chunk: Buffer, endExclusive: number, out: EventDocument[]) => {
    if (!collecting) return;
    collecting = false;
    if (oversized) return;
    pieces.push(chunk.subarray(pieceStart, endExclusive));
    const text = (pieces.length === 1 ? pieces[0] : Buffer.concat(pieces)).toString('utf8');
    pieces = [];
    try {
      const value = JSON.parse(text);
      if (isJsonObject(value)) out.push(value as EventDocument);
      else warn?.({ file, line: elementLine, offset: elementOffset, message: 'element is not a JSON object' });
    } catch (error) {
      warn?.({ file, line: elementLine, offset: elementOffset, message: `malformed JSON: ${(error as Error).message}` });
    }
  };

  for await (const chunk of chunks) {
    const out: EventDocument[] = [];
    const length = chunk.length;
    let i = 0;
    while (i < length) {
      if (inString) {
        if (escapePending) {
          escapePending = false;
          i++;
          continue;
        }
        // Jump to the closing quote: a quote after an odd run of backslashes is escaped.
        let quote = chunk.indexOf(QUOTE, i);
        while (quote >= 0) {
          let backslashes = 0;
          for (let k = quote - 1; k >= i && chunk[k] === BACKSLASH; k--) backslashes++;
          if (backslashes % 2 === 0) break;
          quote = chunk.indexOf(QUOTE, quote + 1);
        }
        if (quote < 0) {
          let trailing = 0;
          for (let k = length - 1; k >= i && chunk[k] === BACKSLASH; k--) trailing++;
          escapePending = trailing % 2 === 1;
          break;
        }
        inString = false;
        i = quote + 1;
        // A string standing alone between concatenated values ends there.
        if (mode === 'stream' && depth === 0) finish(chunk, i, out);
        continue;
      }
      const c = chunk[i];
      if (isJsonWhitespace(c)) {
        if (c === NEWLINE) line++;
        // A bare scalar between concatenated values ends at whitespace.
        if (collecting && mode === 'stream' && depth === 0) finish(chunk, i, out);
        i++;
        continue;
      }
      if (mode === 'done') {
        if (!trailingWarned) warn?.({ file, line, offset: chunkOffset + i, message: 'content after the top-level array ignored' });
        trailingWarned = true;
        i++;
        continue;
      }
      if (mode === 'start') {
        if (c === OPEN_BRACKET) {
          mode = 'array';
          depth = elementDepth = 1;
          i++;
          continue;
        }
        mode = 'stream';
      }
      if (depth === elementDepth) {
        if (mode === 'array' && (c === COMMA || c === CLOSE_BRACKET)) {
          finish(chunk, i, out);
          if (c === CLOSE_BRACKET) {
            mode = 'done';
            depth = 0;
          }
          i++;
          continue;
        }
        if (c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COMMA) {
          warn?.({ file, line, offset: chunkOffset + i, message: `unexpected \`${String.fromCharCode(c)}\`` });
          i++;
          continue;
        }
        if (!collecting) begin(i);
      }
      if (c === QUOTE) {
        inString = true;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (mode === 'stream' && depth === 0) finish(chunk, i + 1, out);
      }
      i++;
    }
    if (collecting && !oversized) {
      pieces.push(chunk.subarray(pieceStart, length));
      elementBytes += length - pieceStart;
      if (elementBytes > maxRecord) {
        warn?.({ file, line: elementLine, offset: elementOffset, message: `element longer than ${maxRecord} bytes skipped` });
        oversized = true;
        pieces = [];
      }
    }
    pieceStart = 0;
    chunkOffset += length;
    if (out.length > 0) yield out;
  }
  if (collecting && !oversized) {
    warn?.({ file, line: elementLine, offset: elementOffset, message: 'unterminated value at end of file' });
  } else if (mode === 'array') {
    warn?.({ file, line, offset: chunkOffset, message: 'top-level array is not closed' });
  }
}
