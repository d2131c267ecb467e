/**
 * `assumptions.cudaGraphs`: which parts of each layer a run captures in CUDA graphs, in Megatron-Core's words
 * (megatron/core/transformer/transformer_config.py `cuda_graph_scope`: "attn", "mlp", "moe", "moe_router",
 * "moe_preprocess"; `cuda_graph_impl: local` with scope "full_iteration" graphs the whole forward-backward). A graph
 * replays its kernels without the host issuing each one, so their launches cost the host ~1 µs instead of
 * `hostUsPerKernel` (compute/layer.ts `applyHostFloor`). Written as `none` (default), `full_iteration`, or a
 * comma-separated list of scopes, e.g. `attn,moe_router,moe_preprocess` as the Megatron-Core MoE ModelZoo's GB200
 * command line passes `--cuda-graph-scope attn moe_router moe_preprocess`.
 */
export const CUDA_GRAPH_SCOPES = ['attn', 'mlp', 'moe', 'moe_router', 'moe_preprocess'] as const;
export type CudaGraphScope = (typeof CUDA_GRAPH_SCOPES)[number] | 'full_iteration';

/** The scopes of an `assumptions.cudaGraphs` value, or the reason it is not one. */
export function parseCudaGraphs(value: string): { ok: true; scopes: CudaGraphScope[] } | { ok: false; message: string } {
  const v = value.trim();
  if (v === 'none') return { ok: true, scopes: [] };
  if (v === 'full_iteration') return { ok: true, scopes: ['full_iteration'] };
  const parts = v.split(',').map((s) => s.trim());
  const scopes: CudaGraphScope[] = [];
  for (const p of parts) {
    if (!(CUDA_GRAPH_SCOPES as readonly string[]).includes(p)) {
      return { ok: false, message: `must be none, full_iteration or a comma-separated list of ${CUDA_GRAPH_SCOPES.join(', ')} (got ${JSON.stringify(value)})` };
    }
    if (scopes.includes(p as CudaGraphScope)) return { ok: false, message: `lists "${p}" twice` };
    scopes.push(p as CudaGraphScope);
  }
  return { ok: true, scopes };
}
