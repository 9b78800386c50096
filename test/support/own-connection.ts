import { request as httpRequest } from 'node:http';

/**
 * A request on a connection of its own (no keep-alive agent: a cluster's primary hands each
 * connection to a worker in turn, and a benchmark's requests do not queue behind each other),
 * resolving with the status and the parsed JSON body.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bodies of several routes, read field by field
export function requestOnOwnConnection(url: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      `${url}${path}`,
      { method: payload ? 'POST' : 'GET', agent: false, headers: payload ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
          } catch (error) {
            reject(new Error(`${path}: ${res.statusCode} with a body that is not JSON: ${text.slice(0, 200)}`, { cause: error }));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
