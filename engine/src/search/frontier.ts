/**
 * Pareto frontier on (cost, days) with a canonical tie-break, plus the per-GPU-type "fewest GPUs" tracker.
 *
 * The frontier is a pure function of the set of points inserted (not of their order): a point stays iff no other
 * point strictly dominates it and no point with identical (cost, days) has a smaller canonical key. That is what
 * makes a pruned search, a partitioned search and the exhaustive search return the same frontier.
 */

/** A scored candidate; `key` is its position in the canonical enumeration order (unique). */
export interface Scored<T> {
  cost: number;
  days: number;
  gpus: number;
  key: number;
  item: T;
}

/** a strictly dominates b: no worse on both axes and better on one. */
export function dominates(aCost: number, aDays: number, bCost: number, bDays: number): boolean {
  return aCost <= bCost && aDays <= bDays && (aCost < bCost || aDays < bDays);
}

export class ParetoFrontier<T> {
  /** Sorted by cost ascending (hence days descending). */
  private pts: Array<Scored<T>> = [];

  get points(): ReadonlyArray<Scored<T>> {
    return this.pts;
  }

  /** True if some point already in the frontier strictly dominates (cost, days). */
  strictlyDominates(cost: number, days: number): boolean {
    // Points are sorted by cost ascending with days descending: the best candidate is the last one with cost ≤ `cost`.
    let best: Scored<T> | undefined;
    for (const p of this.pts) {
      if (p.cost > cost) break;
      best = p;
    }
    return best !== undefined && dominates(best.cost, best.days, cost, days);
  }

  /** Insert; returns true if the point is on the frontier afterwards. */
  insert(p: Scored<T>): boolean {
    for (const f of this.pts) {
      if (dominates(f.cost, f.days, p.cost, p.days)) return false;
      if (f.cost === p.cost && f.days === p.days && f.key < p.key) return false;
    }
    this.pts = this.pts.filter((f) => !(dominates(p.cost, p.days, f.cost, f.days) || (f.cost === p.cost && f.days === p.days)));
    let i = 0;
    while (i < this.pts.length && (this.pts[i] as Scored<T>).cost < p.cost) i++;
    this.pts.splice(i, 0, p);
    return true;
  }
}

/** Lexicographic order for "fewest GPUs": gpus, then cost, then days, then canonical key. */
export function fewerGpus<T>(a: Scored<T>, b: Scored<T>): boolean {
  if (a.gpus !== b.gpus) return a.gpus < b.gpus;
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.days !== b.days) return a.days < b.days;
  return a.key < b.key;
}

/**
 * Could a candidate with `gpus` GPUs and cost lower bound `costLb` beat `best` in the fewest-GPUs order?
 * (Its real cost is ≥ costLb, so if gpus are equal it can only win when costLb ≤ best.cost.)
 */
export function mayBeatFewest<T>(best: Scored<T> | undefined, gpus: number, costLb: number): boolean {
  if (best === undefined) return true;
  return gpus < best.gpus || (gpus === best.gpus && costLb <= best.cost);
}
