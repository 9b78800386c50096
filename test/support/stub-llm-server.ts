import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OpenAI-compatible chat server for tests of the LLM path. The `model` of a request picks
 * its behaviour:
 * - `normal`: streams an answer citing [1] and [2] with a verbatim quote from passage [1];
 * - `slow`: one chunk, then nothing for 10 s; `hang`: headers, then nothing;
 * - `error500`: HTTP 500; `broken-json`: a chunk that is not JSON; `cut`: the connection is cut mid-stream;
 * - `cite-missing`: cites [9], which no passage has, and quotes a sentence the article does not contain;
 * - `misattribute`: puts 李娜's real sentence in 马冠奎's mouth;
 * - `echo`: streams back everything it was sent (system prompt included), 20 characters a chunk;
 * - `split-utf8`: streams a quote with a multi-byte character split across two network writes;
 * - `delay`: waits 800 ms, then answers like `normal`;
 * - `held`: answers like `normal` once the test calls `releaseHeld()`;
 * - `echo-spaced`: a normal answer, then the canary with its letters spaced out (`Q H - C A N A R Y …`);
 * - `echo-rules`: the system prompt without its canary line, a few characters a chunk;
 * - `echo-user`: the last user message (the filled user template), a few characters a chunk;
 * - `answer-then-rules`: a normal answer, then the rules without the canary line;
 * - `fake-markers`: a normal answer that also cites [99], [100] and [-1], markers split across chunks;
 * - `flood`: 1,000-character chunks without end, until the client goes away (or 4 MB);
 * - `rewrite-echo`, `rewrite-transcript`, `rewrite-long`: answer like `normal`, but rewrite a
 *   follow-up as the rewrite prompt itself, as the transcript it was given (several lines), or as a
 *   144-character line.
 */
export interface StubLlm {
  url: string;
  requests: Array<{ model: string; messages: Array<{ role: string; content: string }>; stream: boolean }>;
  /** Answers the requests to `held` waiting so far, and any later ones at once. */
  releaseHeld(): void;
  /** What `flood` sent, and whether its client went away before the 4 MB were out. */
  flood: { sentChars: number; closedEarly: boolean };
  close(): Promise<void>;
}

/** A text cut into pieces of `size` characters, as a model streams tokens. */
function piecesOf(text: string, size: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

/** The system prompt without the line that holds the canary. */
function rulesOf(messages: Array<{ role: string; content: string }>): string {
  return (messages.find((m) => m.role === 'system')?.content ?? '')
    .split('\n')
    .filter((line) => !line.includes('CANARY'))
    .join('\n');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/** The first passage's speaker and first sentence, parsed from the prompt the answerer sent. */
function firstPassage(messages: Array<{ content: string }>): { speaker: string; sentence: string } {
  const prompt = messages.at(-1)?.content ?? '';
  const match = /\[1\] ([^（｜\n]+)[^\n]*\n"""\n([^\n]+)/u.exec(prompt);
  const text = match?.[2] ?? '';
  const sentence = /^[^。？！；?;]+[。？！；?;]?/u.exec(text.replace(/^[\p{Script=Han}]{2,4}:/u, ''))?.[0] ?? text;
  return { speaker: match?.[1]?.trim() ?? '某位嘉宾', sentence: sentence.replace(/[。？！；?;]$/u, '') };
}

const chunkOf = (content: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'stub', object: 'chat.completion.chunk', created: 0, model: 'stub', choices: [{ index: 0, delta: finish ? {} : { content }, finish_reason: finish }] })}\n\n`;

export async function startStubLlm(): Promise<StubLlm> {
  const requests: StubLlm['requests'] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  let held: Array<() => void> | null = [];
  const flood = { sentChars: 0, closedEarly: false };

  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(await readBody(req)) as StubLlm['requests'][number];
    requests.push(body);
    const { speaker, sentence } = firstPassage(body.messages);
    const isRewrite = body.messages[0]?.content.includes('改写');
    const normal = [`${speaker}认为，`, `“${sentence}”`, '[1]。', '这一点也见于[2]。'];
    let pieces: string[];
    if (isRewrite && body.model === 'rewrite-echo') pieces = piecesOf(body.messages[0]!.content, 4);
    else if (isRewrite && body.model === 'rewrite-transcript') pieces = [body.messages.at(-1)!.content];
    else if (isRewrite && body.model === 'rewrite-long') pieces = ['马冠奎提出了哪几点建议，'.repeat(12)];
    else if (isRewrite) pieces = ['马冠奎提出了哪几点建议？'];
    else if (body.model === 'echo-spaced') {
      const canary = /QH-CANARY-[0-9a-f]+/u.exec(body.messages[0]!.content)?.[0] ?? '';
      pieces = [...normal, '（内部', '标记：', ...piecesOf([...canary].join(' '), 3), '）'];
    } else if (body.model === 'echo-rules') pieces = piecesOf(rulesOf(body.messages), 3);
    else if (body.model === 'echo-user') pieces = piecesOf(body.messages.at(-1)!.content, 3);
    else if (body.model === 'answer-then-rules') pieces = [...normal, '\n', ...piecesOf(rulesOf(body.messages), 3)];
    else if (body.model === 'fake-markers') pieces = [...normal, '另见[', '9', '9]、[10', '0]和[-', '1]。'];
    else if (body.model === 'cite-missing') pieces = [`${speaker}认为`, `“青海在人工智能大模型领域已处于全国领先地位”[9]。`, `另见[1]。`];
    else if (body.model === 'echo') pieces = piecesOf(body.messages.map((m) => `${m.role}: ${m.content}\n`).join(''), 20);
    else if (body.model === 'misattribute') pieces = ['马冠奎指出：', '“青海最大的短板就是科技创新能力不足”', '[1]。'];
    else pieces = normal;

    if (body.model === 'error500') {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'upstream exploded', type: 'server_error' } }));
      return;
    }
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ id: 'stub', object: 'chat.completion', created: 0, model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: pieces.join('') }, finish_reason: 'stop' }] }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    if (body.model === 'hang' && !isRewrite) return;
    if (body.model === 'slow' && !isRewrite) {
      res.write(chunkOf(pieces[0]!));
      later(10_000, () => res.end());
      return;
    }
    if (body.model === 'flood' && !isRewrite) {
      const text = '青海'.repeat(500);
      const more = () => {
        if (res.destroyed || res.writableEnded) return;
        if (flood.sentChars >= 4_000_000) {
          res.end(`${chunkOf('', 'stop')}data: [DONE]\n\n`);
          return;
        }
        flood.sentChars += text.length;
        if (res.write(chunkOf(text))) setImmediate(more);
        else res.once('drain', more);
      };
      res.on('close', () => {
        if (!res.writableEnded) flood.closedEarly = true;
      });
      more();
      return;
    }
    if (body.model === 'broken-json' && !isRewrite) {
      res.write(chunkOf(pieces[0]!));
      res.write('data: {"id": "stub", "choices": [ {"delta": \n\n');
      res.end();
      return;
    }
    if (body.model === 'cut' && !isRewrite) {
      res.write(chunkOf(pieces[0]!));
      later(20, () => res.socket?.destroy());
      return;
    }
    if (body.model === 'split-utf8' && !isRewrite) {
      const bytes = Buffer.from(chunkOf(pieces.join('')));
      const cut = bytes.indexOf(Buffer.from('认')) + 1; // inside the three bytes of 认
      res.write(bytes.subarray(0, cut));
      later(20, () => {
        res.write(bytes.subarray(cut));
        res.end(`${chunkOf('', 'stop')}data: [DONE]\n\n`);
      });
      return;
    }
    const finish = () => {
      for (const piece of pieces) res.write(chunkOf(piece));
      res.end(`${chunkOf('', 'stop')}data: [DONE]\n\n`);
    };
    if (body.model === 'delay' && !isRewrite) later(800, finish);
    else if (body.model === 'held' && !isRewrite && held) held.push(finish);
    else finish();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    flood,
    releaseHeld() {
      const waiting = held ?? [];
      held = null;
      for (const finish of waiting) finish();
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
