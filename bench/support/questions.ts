/**
 * Questions a reader of the interview asks, each answered from the article: the ones the HTTP
 * benchmarks of /api/chat send first. Each benchmark adds its own after these; their order is the
 * order the requests go out in.
 */
export const QUESTIONS = [
  '青海发展新质生产力有哪些优势？',
  '什么是新质生产力？',
  '平台经济在发展新质生产力中起什么作用？',
  '青海应该如何对接RCEP？',
  '谁提到了“揭榜挂帅”制度？',
] as const;
