/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): each ranking adds
 * `weight / (k + rank)` for every item it ranks, so items ranked well by several rankers rise.
 * Ranks are 1-based; `k = 60` is the paper's constant.
 */
export interface RankingInput {
  /** Item ids, best first. */
  ids: number[];
  weight?: number;
}

export function fuseRankings(rankings: RankingInput[], k = 60): Map<number, number> {
  const fused = new Map<number, number>();
  for (const { ids, weight = 1 } of rankings) {
    ids.forEach((id, i) => fused.set(id, (fused.get(id) ?? 0) + weight / (k + i + 1)));
  }
  return fused;
}
