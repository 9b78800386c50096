import type { AutocannonRequest } from 'autocannon';

/** The body of a one-turn `POST /api/chat`. */
export function chatBody(question: string, stream: boolean): string {
  return JSON.stringify({ messages: [{ role: 'user', content: question }], stream });
}

/** autocannon requests asking each question in turn as JSON (`stream: false`). */
export function chatRequests(questions: readonly string[], path = '/api/chat'): AutocannonRequest[] {
  return questions.map((question) => ({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: chatBody(question, false),
  }));
}
