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
 * - `echo`: streams back everything it was sent (system prompt included);
 * - `split-utf8`: streams a quote with a multi-byte character split across two network writes;
 * - `delay`: waits 800 ms, then answers like `normal`.
 */
export interface StubLlm {
  url: string;
  requests: Array<{ model: string; messages: Array<{ role: string; content: string }>; stream: boolean }>;
  close(): Promise<void>;
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

  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(await readBody(req)) as StubLlm['requests'][number];
    requests.push(body);
    const { speaker, sentence } = firstPassage(body.messages);
    const isRewrite = body.messages[0]?.content.includes('改写');
    let pieces: string[];
    if (isRewrite) pieces = ['马冠奎提出了哪几点建议？'];
    else if (body.model === 'cite-missing') pieces = [`${speaker}认为`, `“青海在人工智能大模型领域已处于全国领先地位”[9]。`, `另见[1]。`];
    else if (body.model === 'misattribute') pieces = ['马冠奎指出：', '“青海最大的短板就是科技创新能力不足”', '[1]。'];
    else if (body.model === 'echo') pieces = body.messages.map((m) => `${m.role}: ${m.content}\n`);
    else pieces = [`${speaker}认为，`, `“${sentence}”`, '[1]。', '这一点也见于[2]。'];

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
    else finish();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
