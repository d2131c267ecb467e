/**
 * Megatron-Core's combined 1F1B (`--overlap-moe-expert-parallel-comm`, `assumptions.epA2aOverlap: combined-1f1b`) timed
 * the way it runs: layer by layer on two CUDA streams, not as max(compute, communication) of the whole pair.
 *
 * Source: NVIDIA/Megatron-LM megatron/core/models/common/model_chunk_schedule_plan.py @d98e8a6,
 * `TransformerLayerSchedulePlan.run` and `TransformerModelChunkSchedulePlan.run`. For each pair of a forward layer
 * (micro-batch i) and a backward layer (micro-batch j) the nodes are issued in this order:
 *
 *     comm stream: combine_bwd      | dispatch_fwd -> dispatch_bwd  | combine_fwd
 *     comp stream: pre_dispatch_fwd | mlp_bwd -> mlp_bwd_dw -> mlp_fwd | pre_dispatch_bwd
 *
 * Each stream runs its nodes in issue order (FIFO), and the nodes of one micro-batch share one CUDA event
 * (pipeline_parallel/utils.py `ScheduleNode.stream_acquire_context`: wait on the event, run, record it), so each
 * micro-batch's nodes also run one after another whatever their stream. The forward layer i and the backward layer
 * n_b − 1 − i are paired for min(n_f, n_b) layers; the backward's remaining layers then run alone, then the forward's.
 * The embedding and head (pre/post-process nodes) are outside the paired layers and are added serially by the caller.
 *
 * Consequence [derived]: a pair's time is at least the larger of its compute and its communication (what the DualPipe
 * pair model charges), and more where one phase's communication outlasts the compute it is paired with — e.g. the first
 * combine backward against the attention forward, or a dispatch backward that must wait for the MLP's input gradient.
 */

/** Seconds of one layer's nodes for one micro-batch (compute on the SMs the communication kernels leave). */
export interface LayerNodes {
  /** pre_dispatch_computation: attention block, pre-MLP norm, router, permutation (forward / input-grad / weight-grad). */
  preF: number;
  preB: number;
  preW: number;
  /** mlp: experts (or the dense MLP), shared experts. */
  mlpF: number;
  mlpB: number;
  mlpW: number;
  /** Expert-parallel all-to-all: dispatch and combine, forward and backward (0 for a dense layer). */
  dispatchF: number;
  combineF: number;
  dispatchB: number;
  combineB: number;
}

export interface CombinedPairTime {
  /** Wall time of the paired layers (forward layers of one micro-batch with backward layers of another). */
  seconds: number;
  /** Of it, compute on the compute stream (sum of the nodes). */
  compute: number;
}

/**
 * Times the forward layers `f` (in forward order) of one micro-batch against the backward layers `b` (in forward
 * order; run last to first) of another, as Megatron-Core's combined 1F1B schedules them (see the module comment).
 */
export function combinedLayersSeconds(f: readonly LayerNodes[], b: readonly LayerNodes[]): CombinedPairTime {
  let comp = 0; // compute stream free at
  let comm = 0; // communication stream free at
  let fReady = 0; // forward micro-batch's event
  let bReady = 0; // backward micro-batch's event
  let compute = 0;
  const onComp = (ready: number, d: number): number => {
    const end = Math.max(comp, ready) + d;
    comp = end;
    compute += d;
    return end;
  };
  const onComm = (ready: number, d: number): number => {
    if (d <= 0) return ready; // a dense layer has no dispatch / combine node
    const end = Math.max(comm, ready) + d;
    comm = end;
    return end;
  };
  const layer = (fl: LayerNodes | undefined, bl: LayerNodes | undefined) => {
    if (bl) bReady = onComm(bReady, bl.combineB);
    if (fl) fReady = onComp(fReady, fl.preF);
    if (bl) bReady = onComp(bReady, bl.mlpB);
    if (fl) fReady = onComm(fReady, fl.dispatchF);
    if (bl) {
      onComp(comp, bl.mlpW); // backward_dw: queued on the compute stream, no event
      bReady = onComm(bReady, bl.dispatchB);
    }
    if (fl) {
      fReady = onComp(fReady, fl.mlpF);
      fReady = onComm(fReady, fl.combineF);
    }
    if (bl) bReady = onComp(bReady, bl.preB + bl.preW);
  };
  const paired = Math.min(f.length, b.length);
  for (let i = 0; i < paired; i++) layer(f[i], b[b.length - 1 - i]);
  for (let i = paired; i < b.length; i++) layer(undefined, b[b.length - 1 - i]);
  for (let i = paired; i < f.length; i++) layer(f[i], undefined);
  return { seconds: Math.max(comp, comm, fReady, bReady), compute };
}
