import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/**
 * Reads a text for a command-line tool (a file, or standard input) without reading more than its
 * limit could need: UTF-8 spends at most 4 bytes on a character, so past `4 × maxChars` bytes (and
 * a byte-order mark) the text is too long whatever follows, and reading stops there. `/dev/zero`
 * or an endless pipe then costs a few hundred kilobytes, not all the memory there is.
 */

export type TextInput = { text: string; tooLong: false } | { text: null; tooLong: true };

/** The most bytes a text of `maxChars` UTF-16 code units (and a BOM) can take in UTF-8. */
export function maxInputBytes(maxChars: number): number {
  return maxChars * 4 + 3;
}

function decode(chunks: Buffer[], maxChars: number): TextInput {
  const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/u, '');
  return text.length > maxChars ? { text: null, tooLong: true } : { text, tooLong: false };
}

/**
 * A file's text, or `tooLong` as soon as it is known to pass `maxChars`.
 *
 * @throws {Error} when the file cannot be opened or read (the system's error).
 */
export async function readTextFile(path: string, maxChars: number): Promise<TextInput> {
  const limit = maxInputBytes(maxChars);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length <= limit) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > limit) return { text: null, tooLong: true };
    return decode([buffer.subarray(0, length)], maxChars);
  } finally {
    await handle.close();
  }
}

/** A stream's text (standard input), or `tooLong` as soon as it is known to pass `maxChars`: the stream is then left unread. */
export async function readTextStream(stream: Readable, maxChars: number): Promise<TextInput> {
  const limit = maxInputBytes(maxChars);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(bytes);
    length += bytes.length;
    // Leaving the loop destroys the stream: nothing more is read.
    if (length > limit) return { text: null, tooLong: true };
  }
  return decode(chunks, maxChars);
}
