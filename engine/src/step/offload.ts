/**
 * CPU activation offloading (`parallelism.cpuOffloadLayers`; Megatron-Core `--cpu-offloading-num-layers`, which runs
 * Transformer Engine's CPU offload context): how much of one micro-batch's pass waits for the host copies.
 *
 * Transformer Engine's default scheduling (TransformerEngine docs/features/other_optimizations/cpu_offloading/
 * cpu_offloading.rst @d0067d0, "Default Offloading Scheduling"), for N of L layers offloaded:
 * - the first N layers are offloaded; a layer's copy to the host starts as soon as it saves tensors for backward;
 * - at most L − N sets of activations are on the GPU at any time: "both compute and reload may be stalled to enforce
 *   this limit" (with N = 3 of 5, layer 4 cannot start before layer 2 is offloaded);
 * - a layer's reload must complete before its backward starts.
 * The copies run one after another on one stream, at the host link's rate (`GpuProfile.hostLink`). Below, the forward
 * and the backward of one micro-batch are simulated under exactly these rules [derived]; what they add to the compute
 * is the exposed offload time.
 */

/**
 * Seconds the forward of one micro-batch waits for offloads: `forward[i]` = layer i's forward seconds (model order),
 * `copy[i]` = seconds to copy its activations to the host (0 for a layer that is not offloaded; the offloaded ones are
 * the first N), `limit` = L − N activation sets allowed on the GPU.
 */
export function forwardOffloadStall(forward: readonly number[], copy: readonly number[], limit: number): number {
  const L = forward.length;
  const offloadEnds: number[] = [];
  let t = 0; // compute stream
  let s = 0; // copy stream
  let compute = 0;
  for (let j = 0; j < L; j++) {
    let start = t;
    // starting layer j holds j + 1 sets unless enough offloads have finished: need j + 1 − limit of them done
    const need = j + 1 - limit;
    if (need > 0) start = Math.max(start, offloadEnds[need - 1] ?? Infinity);
    const end = start + forward[j]!;
    if (copy[j]! > 0) {
      // the copy starts with the layer's first saved tensor and cannot end before the layer has saved its last
      const cs = Math.max(s, start);
      s = Math.max(cs + copy[j]!, end);
      offloadEnds.push(s);
    }
    t = end;
    compute += forward[j]!;
  }
  return Math.max(0, t - compute);
}

/**
 * Seconds the backward of one micro-batch waits for reloads: `backward[i]` = layer i's backward seconds (input and
 * weight gradients; model order, run last to first), `copy[i]` and `limit` as in `forwardOffloadStall`. The reloads go
 * in backward order (layer N−1 first); the k-th may start once k layers' backward has freed their activation sets.
 */
export function backwardReloadStall(backward: readonly number[], copy: readonly number[], limit: number): number {
  const L = backward.length;
  let N = 0;
  while (N < L && copy[N]! > 0) N++;
  const reloadEnd = new Float64Array(Math.max(N, 1));
  const ends: number[] = [];
  let next = 1; // the next reload to schedule (1-based: layer N − next)
  let s = 0;
  let t = 0;
  let compute = 0;
  if (N > 0 && L - N !== limit) throw new Error(`internal: offload limit ${limit} != ${L} - ${N}`);
  for (let m = 0; m < L; m++) {
    const i = L - 1 - m;
    // a reload needs a free set: the k-th waits for the k-th backward to end (the first needs one end: L − N sets are
    // on the GPU when backward starts)
    while (next <= N && next <= ends.length) {
      const layer = N - next;
      s = Math.max(s, ends[next - 1]!) + copy[layer]!;
      reloadEnd[layer] = s;
      next++;
    }
    const start = i < N ? Math.max(t, reloadEnd[i]!) : t;
    t = start + backward[i]!;
    compute += backward[i]!;
    ends.push(t);
  }
  return Math.max(0, t - compute);
}
