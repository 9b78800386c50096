/** `GET /api/search` for a question, five passages. */
export function searchPath(question: string): string {
  return `/api/search?q=${encodeURIComponent(question)}&k=5`;
}
