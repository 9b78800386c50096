/** A Server-Sent Event as a client reads it. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Reads a whole SSE response with `fetch`, as a browser's client would: events split on blank lines,
 * `event:` and `data:` fields, comments (`: ping`) counted apart.
 */
export async function readSse(response: Response): Promise<{ events: SseEvent[]; comments: string[] }> {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true });
    let split: number;
    while ((split = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, split);
      buffer = buffer.slice(split + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comments.push(line.slice(1).trim());
        else if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /u, ''));
      }
      if (data.length > 0) events.push({ event, data: data.join('\n') });
    }
  }
  return { events, comments };
}
