// Writes engine/validation/megatron-bridge/<id>.plan.json + <id>.expected.json from NVIDIA's published
// Megatron-Bridge performance tables (docs/performance-summary-archive.md @0a25f911, "25.11 NeMo Container" and the
// DGX-H100 DeepSeek-V3 row of "25.09"). These are held-out runs: no efficiency in the catalog was set from them.
// Run: node engine/validation/make-megatron-bridge.mjs  (then: npx flopcast calibrate engine/validation/megatron-bridge)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCases } from './cases.mjs';
import { BUILTIN_CATALOG } from '../dist/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'megatron-bridge');
const SRC = 'NVIDIA-NeMo/Megatron-Bridge docs/performance-summary-archive.md @0a25f911b2ed6c6905a539504fdb8e5b40e3438b';

const qwen3_30b = {
  name: 'qwen3-30b-a3b', layers: 48, hiddenSize: 2048, vocabSize: 151936, tiedEmbeddings: false,
  attention: { type: 'gqa', heads: 32, kvHeads: 4, headDim: 128 },
  ffn: { activation: 'swiglu', intermediateSize: 6144 },
  moe: { denseLayers: 0, routedExperts: 128, sharedExperts: 0, expertIntermediateSize: 768, topK: 8 },
};
const CL = {
  'DGX-H100': { gpu: 'h100-sxm', gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'ib-ndr', nicsPerNode: 8 },
  'DGX-B200': { gpu: 'b200', gpusPerNode: 8, intraNode: 'nvswitch-b200', interNode: 'ib-ndr', nicsPerNode: 8 },
  'DGX-GB200': { gpu: 'gb200', intraNode: 'nvl72-gb200', interNode: 'ib-ndr' },
  // Blackwell Ultra (26.04.01 rows): ConnectX-8 800 Gb/s, one per GPU (DGX B300; GB300 NVL72's 72 NICs)
  'DGX-B300': { gpu: 'b300', gpusPerNode: 8, intraNode: 'nvswitch-b200', interNode: 'ib-xdr', nicsPerNode: 8 },
  'DGX-GB300': { gpu: 'gb300', intraNode: 'nvl72-gb200', interNode: 'ib-xdr' },
};
const PREC = { 'FP8-CS': 'fp8-tensorwise', 'FP8-MX': 'fp8', BF16: 'bf16', 'FP8-block': 'fp8' };

// [table, system, model, gpus, precision, gbs, mbs, seq, fsdp, tp, pp, cp, vp, ep, tokens/s/GPU]
const rows = [
  ['25.11', 'DGX-H100', 'llama3-8b', 8, 'FP8-CS', 128, 1, 8192, 8, 1, 1, 1, 1, 1, 14451],
  ['25.11', 'DGX-H100', 'llama3-70b', 64, 'FP8-CS', 128, 1, 8192, 0, 4, 8, 1, 5, 1, 1602],
  ['25.11', 'DGX-H100', 'llama3-405b', 1024, 'FP8-CS', 512, 1, 8192, 0, 8, 8, 2, 8, 1, 292],
  ['25.11', 'DGX-H100', 'qwen3-30b-a3b', 16, 'FP8-CS', 512, 2, 4096, 0, 1, 2, 1, 24, 8, 5275],
  ['25.11', 'DGX-H100', 'qwen3-235b-a22b', 256, 'FP8-CS', 2048, 1, 4096, 0, 2, 8, 1, 4, 32, 1575],
  ['25.09', 'DGX-H100', 'deepseek-v3', 1024, 'FP8-block', 8192, 1, 4096, 0, 2, 8, 1, 4, 64, 1297],
  ['25.11', 'DGX-B200', 'llama3-8b', 8, 'FP8-CS', 128, 2, 8192, 0, 1, 1, 1, 1, 1, 30624],
  ['25.11', 'DGX-B200', 'llama3-405b', 128, 'FP8-CS', 64, 1, 8192, 0, 4, 8, 2, 8, 1, 661],
  ['25.11', 'DGX-B200', 'deepseek-v3', 256, 'FP8-MX', 2048, 1, 4096, 0, 1, 16, 1, 1, 8, 2139],
  ['25.11', 'DGX-B200', 'qwen3-30b-a3b', 8, 'FP8-MX', 512, 1, 4096, 0, 1, 1, 1, 1, 8, 9299],
  ['25.11', 'DGX-B200', 'qwen3-235b-a22b', 64, 'FP8-MX', 1024, 1, 4096, 0, 1, 8, 1, 2, 8, 3269],
  ['25.11', 'DGX-GB200', 'llama3-8b', 8, 'FP8-CS', 128, 2, 8192, 0, 1, 1, 1, 1, 1, 31508],
  ['25.11', 'DGX-GB200', 'llama3-70b', 64, 'FP8-CS', 256, 2, 8192, 64, 1, 1, 1, 1, 1, 4312],
  ['25.11', 'DGX-GB200', 'llama3-405b', 256, 'FP8-CS', 1536, 1, 8192, 0, 4, 16, 1, 4, 1, 813],
  ['25.11', 'DGX-GB200', 'deepseek-v3', 256, 'BF16', 4096, 1, 4096, 0, 1, 4, 1, 4, 64, 3139],
  ['25.11', 'DGX-GB200', 'deepseek-v3', 256, 'FP8-MX', 4096, 1, 4096, 0, 1, 8, 1, 4, 32, 4018],
  ['25.11', 'DGX-GB200', 'qwen3-30b-a3b', 8, 'FP8-MX', 512, 4, 4096, 0, 1, 1, 1, 1, 8, 23766],
  ['25.11', 'DGX-GB200', 'qwen3-235b-a22b', 256, 'BF16', 8192, 1, 4096, 0, 1, 8, 1, 3, 32, 4916],
];

/**
 * Recomputation as the benchmark scripts ran it, for the rows whose workload config at the matching Megatron-Bridge
 * release has the row's parallel layout (v0.2.0, 2025-11-26, for 25.11 — the configs are unchanged through v0.2.2;
 * v0.1.0rc4 for the 25.09 row). Precedence (scripts/performance/utils/helpers.py @v0.2.0:57-83, 170-179): the
 * workload base config's `recompute_modules` replace the recipe's list; `recompute_num_layers` would make it full.
 * Llama recipes set no recomputation (src/megatron/bridge/recipes/llama/llama3.py) and Megatron-Core's default
 * `recompute_granularity` is None; qwen3_llm_pretrain.py:36-38 sets it to None; DeepSeek-V3's pretrain script sets
 * "selective" (deepseek_llm_pretrain.py:37) with the base config's modules. Rows whose config layout differs from the
 * table (the table ran a later or overridden config) keep `selective` as an assumption.
 */
const CFG = 'NVIDIA-NeMo/Megatron-Bridge scripts/performance/configs';
/**
 * Gradient buffers: every family's performance pretrain config turns Megatron-Core's FP32 gradient reduction off
 * (`cfg.ddp.grad_reduce_in_fp32 = False`), so the plans state `assumptions.gradientPrecision: bf16`.
 */
const GRAD_BF16 = {
  'llama3-8b': `${CFG}/llama3/llama3_llm_pretrain.py @v0.2.0:46-47`,
  'llama3-70b': `${CFG}/llama3/llama3_llm_pretrain.py @v0.2.0:46-47`,
  'llama3-405b': `${CFG}/llama31/llama31_llm_pretrain.py @v0.2.0:45-46`,
  'qwen3-30b-a3b': `${CFG}/qwen3/qwen3_llm_pretrain.py @v0.2.0:44-45`,
  'qwen3-235b-a22b': `${CFG}/qwen3/qwen3_llm_pretrain.py @v0.2.0:44-45`,
  'deepseek-v3': `${CFG}/deepseek/deepseek_llm_pretrain.py @v0.2.0:40-41`,
};
const GRAD_BF16_2509 = `${CFG}/deepseek/deepseek_v3_llm_pretrain.yaml @v0.1.0rc4:46 (grad_reduce_in_fp32: false)`;
/** DeepSeek-V3's recipe keeps Adam's moments in BF16 with FP32 main parameters (the precision-aware optimizer). */
const DSV3_OPT = 'src/megatron/bridge/recipes/deepseek/deepseek_v3.py @v0.2.0:272-276 (use_precision_aware_optimizer, main_params_dtype float32, exp_avg_dtype / exp_avg_sq_dtype bfloat16; @v0.1.0rc4:243 for the 25.09 row)';
const RECOMPUTE = {
  'DGX-H100 llama3-70b': { recompute: 'none', why: `${CFG}/llama3/workload_base_configs.py @v0.2.0:140-145 (LLAMA3_70B_H100_FP8_CS_BASE_CONFIG; no recompute field, Llama recipe sets none)` },
  'DGX-H100 llama3-405b': { recompute: 'none', why: `${CFG}/llama31/workload_base_configs.py @v0.2.0:159-167 (LLAMA31_405B_H100_FP8_CS_BASE_CONFIG)` },
  'DGX-H100 qwen3-235b-a22b': { recompute: 'none', dispatcher: 'alltoall', a2aOverlap: true, tpOverlap: false, why: `${CFG}/qwen3/workload_base_configs.py @v0.2.0:135-144 (moe_a2a_overlap=True: Megatron-Core's combined 1F1B), qwen3_llm_pretrain.py:36-38 (recompute_granularity None) and :153 (CommOverlapConfig(tp_comm_overlap=False): TP communication not overlapped); no flex dispatcher backend, so the Qwen provider's moe_token_dispatcher_type "alltoall" (src/megatron/bridge/models/qwen/qwen_provider.py @v0.2.0:395)` },
  'DGX-H100 deepseek-v3': { recompute: 'selective', modules: ['mla_up_proj', 'mlp'], why: 'Megatron-Bridge scripts/performance/run_script.py @v0.1.0rc4:91 (H100: recompute_modules = ["mla_up_proj", "mlp"]), selective from the DeepSeek-V3 recipe' },
  'DGX-B200 llama3-8b': { recompute: 'none', cudaGraphs: 'full_iteration', why: `${CFG}/llama3/workload_base_configs.py @v0.2.0:207-212 (LLAMA3_8B_B200_FP8_CS_BASE_CONFIG: cuda_graph_impl "local", cuda_graph_scope "full_iteration")` },
  'DGX-B200 llama3-405b': { recompute: 'none', why: `${CFG}/llama31/workload_base_configs.py @v0.2.0:125-136 (LLAMA31_405B_B200_FP8_CS_BASE_CONFIG, MX an alias)` },
  'DGX-B200 deepseek-v3': { recompute: 'selective', modules: ['mla_up_proj'], dispatcher: 'alltoall', why: `${CFG}/deepseek/workload_base_configs.py @v0.2.0:63-74 (DEEPSEEK_V3_B200_BASE_CONFIG recompute_modules=["mla_up_proj"]; no flex dispatcher backend, so apply_flex_dispatcher_backend leaves the DeepSeek provider's moe_token_dispatcher_type "alltoall", src/megatron/bridge/models/deepseek/deepseek_provider.py @v0.2.0:76), selective from deepseek_llm_pretrain.py:37` },
  'DGX-B200 qwen3-30b-a3b': { recompute: 'none', cudaGraphs: 'moe_router,moe_preprocess', dispatcher: 'alltoall', why: `${CFG}/qwen3/workload_base_configs.py @v0.2.0:211-219 (QWEN3_30B_A3B_B200_FP8_CS_BASE_CONFIG: cuda_graph_impl "transformer_engine", cuda_graph_scope ["moe_router", "moe_preprocess"]; no flex dispatcher backend, so the Qwen provider's moe_token_dispatcher_type "alltoall", src/megatron/bridge/models/qwen/qwen_provider.py @v0.2.0:395) and qwen3_llm_pretrain.py:36-38` },
  'DGX-GB200 llama3-8b': { recompute: 'none', cudaGraphs: 'full_iteration', why: `${CFG}/llama3/workload_base_configs.py @v0.2.0:182-187 (LLAMA3_8B_GB200_FP8_CS_BASE_CONFIG: cuda_graph_impl "local", cuda_graph_scope "full_iteration")` },
  'DGX-GB200 qwen3-30b-a3b': { recompute: 'none', cudaGraphs: 'moe_router,moe_preprocess', why: `${CFG}/qwen3/workload_base_configs.py @v0.2.0:193-200 (QWEN3_30B_A3B_GB200_FP8_MX_BASE_CONFIG: cuda_graph_impl "transformer_engine", cuda_graph_scope ["moe_router", "moe_preprocess"]) and qwen3_llm_pretrain.py:36-38` },
};

/**
 * DeepSeek-V3's pipeline layout as Megatron-Bridge's recipe sets it for a (PP, VP) pair it knows, in Megatron-Core's
 * `--pipeline-model-parallel-layout` notation (parallelism.pipelineLayout): the embedding with the first chunk's layers,
 * the MTP module and the loss with the last chunk's (src/megatron/bridge/recipes/deepseek/deepseek_v3.py @v0.2.0:246-258,
 * the same map at @v0.4.2:29-49 `set_deepseek_v3_pipeline_model_parallel_layout`); undefined for a pair it does not know
 * (Megatron-Core's default split).
 */
const DSV3_LAYOUT_SRC = 'src/megatron/bridge/recipes/deepseek/deepseek_v3.py @v0.2.0:246-258 and @v0.4.2:29-49 (layout_map)';
function dsv3Layout(pp, vp, mtp) {
  const last = `${'m'.repeat(mtp)}L`;
  const map = {
    '4,1': `Et*16|t*16|t*16|t*13${last}`,
    '8,1': `Et*8|(t*8|)*6t*5${last}`,
    '4,2': `Et*8|(t*8|)*6t*5${last}`,
    '16,1': `Et*4|(t*4|)*14t${last}`,
    '8,2': `Et*4|(t*4|)*14t${last}`,
    '4,4': `Et*4|(t*4|)*14t${last}`,
  };
  return map[`${pp},${vp}`];
}

/**
 * One held-out case from a table row and what the benchmark's config at the table's release says about it (`rc`:
 * recompute, modules, cudaGraphs, dispatcher, a2aOverlap, tpOverlap, offload (CPU-offloaded layers), fusedMlp, fp8Head, unstated (what
 * the config runs that a plan cannot state), why; undefined where the
 * config has another layout).
 * `gradSrc` / `optSrc`: where the config states BF16 gradient reduction / BF16 Adam moments (undefined: not stated).
 */
function buildCase(row, { src, prec: precMap, rc, gradSrc, optSrc, mtp, layout }) {
  const [table, system, model, gpus, prec, gbs, mbs, seq, fsdp, tp, pp, cp, vp, ep, value] = row;
  const id = `mbridge-${table}-${system.toLowerCase()}-${model}-${prec.toLowerCase()}-${gpus}`;
  const moe = ep > 1 || model.includes('qwen3') || model === 'deepseek-v3';
  const cluster = { ...CL[system], gpus };
  if (system === 'DGX-GB200' || system === 'DGX-GB300') cluster.gpusPerNode = Math.min(64, gpus); // one NVLink domain per "node", as calibration/README.md
  const dsv3NoMtp = model === 'deepseek-v3' && mtp === 0;
  const plan = {
    version: 1,
    name: `Megatron-Bridge ${table} ${system} ${model} ${prec} ${gpus} GPUs`,
    // the GB200 DeepSeek-V3 rows are "w/o MTP": the preset's architecture written out with mtp.depth 0
    model: model === 'qwen3-30b-a3b' ? qwen3_30b : dsv3NoMtp ? { ...BUILTIN_CATALOG.models['deepseek-v3'].arch, mtp: { depth: 0 } } : model,
    training: { tokens: gbs * seq * 1000, sequenceLength: seq, globalBatchSize: gbs, microBatchSize: mbs },
    cluster,
    parallelism: {
      tensor: tp, pipeline: pp, virtualStages: vp, context: cp,
      ...(moe ? { expert: ep, expertTensor: 1 } : {}),
      sequenceParallel: tp > 1, zero: fsdp > 0 ? 3 : 1,
      schedule: pp > 1 ? (vp > 1 ? 'interleaved-1f1b' : '1f1b') : '1f1b', recompute: rc?.recompute ?? 'selective',
      ...(rc?.modules ? { recomputeModules: rc.modules } : {}),
      ...(layout ? { pipelineLayout: layout.layout } : {}),
      ...(rc?.offload ? { cpuOffloadLayers: rc.offload } : {}),
    },
    precision: precMap[prec],
    // DeepSeek-V3's own router is group-limited (8 groups, top-4 groups: V3 §2.1.2, Megatron's recipe
    // moe_router_num_groups 8 / moe_router_group_topk 4); with EP over 8 nodes a group is a node, so nodeLimit 4
    ...(moe ? { moe: { balancing: 'aux-loss-free', nodeLimit: model === 'deepseek-v3' ? 4 : 0, dispatchPrecision: 'bf16' } } : {}),
    assumptions: {
      framework: 'megatron-core',
      ...(tp > 1 ? { tpCommOverlap: rc?.tpOverlap === false ? 0 : 0.9 } : {}),
      ...(rc?.cudaGraphs ? { cudaGraphs: rc.cudaGraphs } : {}),
      ...(gradSrc ? { gradientPrecision: 'bf16' } : {}),
      ...(rc?.dispatcher ? { moeDispatcher: rc.dispatcher } : {}),
      ...(rc?.a2aOverlap ? { epA2aOverlap: 'combined-1f1b' } : {}),
      ...(rc?.fusedMlp ? { expertMlpKernels: 'fused' } : {}),
      ...(rc?.fp8Head ? { outputHeadPrecision: 'fp8' } : {}),
      ...(optSrc ? { optimizerStatePrecision: 'bf16-moments' } : {}),
    },
  };
  const expected = {
    id,
    name: plan.name,
    source: `${src}, "${table} NeMo Container" ${system} table`,
    reliability: 'A',
    metric: 'throughput.tokensPerGpuSecond',
    value,
    metricDefinition: 'Tokens / sec / GPU as published (no FLOP convention involved)',
    assumed: [
      rc ? null : "recompute selective: the table does not state recomputation, and the workload config at the table's release has another layout",
      moe ? 'moe.balancing aux-loss-free: the benchmarks "force-balance the token distribution among experts" (closest plan setting)' : null,
      model === 'deepseek-v3' ? "moe.nodeLimit 4: DeepSeek-V3's group-limited routing (8 groups, top-4; V3 §2.1.2) as Megatron's DeepSeek-V3 recipe sets it" : null,
      "assumptions.framework megatron-core: Transformer Engine's cuDNN attention (flash3 class on Hopper and Blackwell), fused elementwise ops, Megatron's selective recompute",
      tp > 1 && rc?.tpOverlap !== false ? 'assumptions.tpCommOverlap 0.9: the Megatron-Bridge performance recipes enable TP communication overlap (tp_comm_overlap)' : null,
      system === 'DGX-GB200' || system === 'DGX-GB300' ? 'cluster.gpusPerNode = one NVLink domain (64 of an NVL72 rack), as shared/calibration/README.md' : null,
      system === 'DGX-B300' || system === 'DGX-GB300' ? `cluster: the ${system === 'DGX-B300' ? 'b300' : 'gb300'} catalog profile, whose GEMM / attention efficiencies are borrowed (no Blackwell Ultra ${system === 'DGX-B300' ? 'attention' : 'matmul or attention'} measurement is published; catalog/gpu-efficiency.ts), and ConnectX-8 800 Gb/s NICs (ib-xdr): the benchmark scripts set no network variables for these systems` : null,
      dsv3NoMtp ? 'model: the deepseek-v3 preset written out with mtp.depth 0 (the row is "w/o MTP")' : null,
      ...(rc?.unstated ?? []).map((x) => `not stated (the plan format has no field for it): ${x}`),
      `training.tokens = one step's tokens x 1000 (the table gives no total)`,
    ].filter(Boolean),
    notes: `${system}, ${gpus} GPUs, ${prec}, GBS ${gbs}, MBS ${mbs}, seq ${seq}, FSDP ${fsdp}, TP ${tp}, PP ${pp}, CP ${cp}, VP ${vp}, EP ${ep}.${rc ? ` Recompute ${rc.recompute}${rc.modules ? ` (${rc.modules.join(', ')})` : ''}${rc.cudaGraphs ? `, CUDA graphs ${rc.cudaGraphs}` : ''}${rc.dispatcher ? `, MoE dispatcher ${rc.dispatcher}` : ''}${rc.a2aOverlap ? ', EP all-to-all overlap (combined 1F1B)' : ''}${rc.fusedMlp ? ', fused grouped expert MLP' : ''}${rc.fp8Head ? ', MXFP8 output head' : ''}${rc.offload ? `, activations of ${rc.offload} layers offloaded to the CPU` : ''} as the benchmark ran it: ${rc.why}.` : ''}${gradSrc ? ` BF16 gradient buffers and reduction (grad_reduce_in_fp32 off): ${gradSrc}.` : ''}${optSrc ? ` BF16 Adam moments: ${optSrc}.` : ''}${layout ? ` Pipeline layout "${layout.layout}": ${layout.why}.` : ''} Held out: not used to set any efficiency.`,
  };
  return { id, plan, expected };
}

/** The layout each DeepSeek-V3 row of the 25.09 / 25.11 tables ran (undefined: not known, Megatron-Core's default split). */
function layout2511(row) {
  const [table, system, , , , , , , , , pp, , vp] = row;
  // 25.09: scripts/performance/run_script.py @v0.1.0rc4:66 passes this layout on H100 (PP8 x VP4)
  if (table === '25.09') return { layout: 'Et|(tt|)*30mL', why: 'Megatron-Bridge scripts/performance/run_script.py @v0.1.0rc4:66 (layout "Et|(tt|)*30mL" on H100)' };
  const mtp = system === 'DGX-GB200' ? 0 : 1;
  const layout = dsv3Layout(pp, vp, mtp);
  // the 25.11 GB200 FP8-MX row's PP8 x VP4 is not a layout the v0.2.0 recipe knows (its config had another layout)
  return layout ? { layout, why: `the DeepSeek-V3 recipe's layout for PP${pp} x VP${vp} (${DSV3_LAYOUT_SRC}; the performance script passes layout=None, scripts/performance/configs/deepseek/deepseek_llm_pretrain.py @v0.2.0)` } : undefined;
}

writeCases(
  out,
  rows.map((row) => {
    const [table, system, model] = row;
    return buildCase(row, {
      src: SRC,
      prec: PREC,
      rc: RECOMPUTE[`${system} ${model}`],
      gradSrc: table === '25.09' ? GRAD_BF16_2509 : GRAD_BF16[model],
      optSrc: model === 'deepseek-v3' ? DSV3_OPT : undefined,
      // the 25.11 GB200 DeepSeek-V3 rows are "w/o MTP"
      mtp: model === 'deepseek-v3' && system === 'DGX-GB200' ? 0 : undefined,
      layout: model === 'deepseek-v3' ? layout2511(row) : undefined,
    });
  }),
);

// ---------------------------------------------------------------------------------------------------------------------
// The 26.04.01 tables (second held-out set, engine/validation/megatron-bridge-26.04): the same families five months of
// software later, on DGX-H100 / B200 / GB200 and Blackwell Ultra DGX-B300 / GB300 (NVFP4 and the models a plan cannot
// state — GPT-OSS's attention sinks, Kimi-K2's Muon, Nemotron 3's Mamba layers — are left out). The 26.04.01 container is Megatron-Bridge
// v0.4.2 (c8101293, 2026-05-28: branch r0.4.0 carries the "26.04.01_perf_summary" cherry-pick, docs/versions1.json
// "0.4.2 (latest) · 26.04.01"); every row's workload base config at v0.4.2 has the row's layout, so every setting
// below is what the benchmark ran, cited by file and line.
// ---------------------------------------------------------------------------------------------------------------------
const SRC_2604 = 'NVIDIA-NeMo/Megatron-Bridge docs/performance-summary-archive.md @067f987d (= docs/performance-summary.md @v0.4.2:40)';
const PERF = 'NVIDIA-NeMo/Megatron-Bridge scripts/performance';
/** "FP8" in these tables is current scaling (`fp8_cs`, argument_parser.py @v0.4.2:593-600; the only FP8 base configs for these rows are *_FP8_CS_*, and the 25.11 tables label the same layouts "FP8-CS"); "MXFP8" is MX. */
const PREC_2604 = { FP8: 'fp8-tensorwise', MXFP8: 'fp8' };
// [table, system, model, gpus, precision, gbs, mbs, seq, fsdp, tp, pp, cp, vp, ep, tokens/s/GPU]
const rows2604 = [
  ['26.04.01', 'DGX-GB200', 'llama3-70b', 64, 'FP8', 256, 2, 8192, 64, 1, 1, 1, 1, 1, 4224],
  ['26.04.01', 'DGX-GB200', 'llama3-70b', 64, 'MXFP8', 256, 1, 8192, 0, 2, 4, 1, 5, 1, 3712],
  ['26.04.01', 'DGX-H100', 'llama3-70b', 64, 'FP8', 256, 1, 8192, 0, 4, 8, 1, 5, 1, 1664],
  ['26.04.01', 'DGX-GB200', 'llama3-405b', 256, 'FP8', 1536, 1, 8192, 0, 4, 16, 1, 4, 1, 864],
  ['26.04.01', 'DGX-GB200', 'llama3-405b', 256, 'MXFP8', 1536, 1, 8192, 0, 4, 16, 1, 8, 1, 800],
  ['26.04.01', 'DGX-H100', 'llama3-405b', 1024, 'FP8', 1536, 1, 8192, 0, 8, 8, 2, 8, 1, 328],
  ['26.04.01', 'DGX-GB200', 'deepseek-v3', 256, 'MXFP8', 4096, 1, 4096, 0, 1, 4, 1, 4, 64, 4256],
  ['26.04.01', 'DGX-B200', 'deepseek-v3', 256, 'MXFP8', 4096, 1, 4096, 0, 1, 8, 1, 2, 32, 3328],
  ['26.04.01', 'DGX-GB200', 'qwen3-30b-a3b', 8, 'MXFP8', 512, 4, 4096, 0, 1, 1, 1, 1, 8, 26112],
  ['26.04.01', 'DGX-B200', 'qwen3-30b-a3b', 8, 'MXFP8', 512, 4, 4096, 0, 1, 1, 1, 1, 8, 27136],
  ['26.04.01', 'DGX-H100', 'qwen3-30b-a3b', 16, 'FP8', 1024, 1, 4096, 0, 1, 1, 1, 1, 16, 8960],
  ['26.04.01', 'DGX-GB200', 'qwen3-235b-a22b', 256, 'MXFP8', 8192, 1, 4096, 0, 1, 8, 1, 3, 32, 5680],
  ['26.04.01', 'DGX-B200', 'qwen3-235b-a22b', 256, 'MXFP8', 8192, 1, 4096, 0, 1, 8, 1, 1, 8, 3776],
  ['26.04.01', 'DGX-H100', 'qwen3-235b-a22b', 256, 'FP8', 8192, 1, 4096, 0, 2, 8, 1, 4, 32, 1712],
  ['26.04.01', 'DGX-GB300', 'llama3-70b', 64, 'FP8', 256, 2, 8192, 64, 1, 1, 1, 1, 1, 5248],
  ['26.04.01', 'DGX-GB300', 'llama3-70b', 64, 'MXFP8', 256, 1, 8192, 0, 1, 4, 1, 5, 1, 4864],
  ['26.04.01', 'DGX-GB300', 'llama3-405b', 256, 'FP8', 1536, 1, 8192, 0, 4, 8, 1, 4, 1, 1024],
  ['26.04.01', 'DGX-GB300', 'llama3-405b', 256, 'MXFP8', 1536, 1, 8192, 0, 2, 8, 2, 4, 1, 960],
  ['26.04.01', 'DGX-GB300', 'deepseek-v3', 256, 'MXFP8', 4096, 2, 4096, 0, 1, 2, 1, 8, 32, 4992],
  ['26.04.01', 'DGX-B300', 'deepseek-v3', 256, 'MXFP8', 4096, 2, 4096, 0, 1, 8, 1, 1, 8, 3456],
  ['26.04.01', 'DGX-GB300', 'qwen3-30b-a3b', 8, 'MXFP8', 512, 8, 4096, 0, 1, 1, 1, 1, 8, 31744],
  ['26.04.01', 'DGX-B300', 'qwen3-30b-a3b', 8, 'MXFP8', 512, 8, 4096, 0, 1, 1, 1, 1, 8, 30720],
  ['26.04.01', 'DGX-GB300', 'qwen3-235b-a22b', 256, 'MXFP8', 8192, 2, 4096, 0, 1, 4, 1, 12, 32, 6944],
  ['26.04.01', 'DGX-B300', 'qwen3-235b-a22b', 256, 'MXFP8', 8192, 2, 4096, 0, 1, 8, 1, 1, 8, 5936],
];
const LLAMA_NONE = `no recomputation and no CUDA graphs: src/megatron/bridge/recipes/llama/llama3.py @v0.4.2`;
const QWEN_COMMON = `${PERF}/configs/qwen/qwen3_llm_pretrain.py @v0.4.2:30-44 (recompute_granularity None: the recipe's full recompute is reset)`;
const HYBRIDEP = `HybridEP (moe_flex_dispatcher_backend "hybridep", DeepEP's hybrid NVLink/RDMA kernels: one copy per node over the NICs, forwarded over NVLink, as the engine's EP model)`;
/** What the v0.4.2 workload configs set, per row (key: system, model, precision label). */
const CONFIG_2604 = {
  'DGX-GB200 llama3-70b FP8': { recompute: 'none', offload: 40, why: `${PERF}/configs/llama/llama3_workload_base_configs.py @v0.4.2:241-246 (LLAMA3_70B_PRETRAIN_CONFIG_GB200_FP8_CS_V2: Megatron-FSDP, cpu_offloading_num_layers=40: the activations of 40 layers offloaded to the Grace CPU, parallelism.cpuOffloadLayers); ${LLAMA_NONE}:697-699, 705-708` },
  'DGX-GB200 llama3-70b MXFP8': { recompute: 'none', why: `${PERF}/configs/llama/llama3_workload_base_configs.py @v0.4.2:249-254 (LLAMA3_70B_PRETRAIN_CONFIG_GB200_FP8_MX_V2, CPU offloading off); TP communication overlap on; ${LLAMA_NONE}:697-699, 705-708` },
  'DGX-H100 llama3-70b FP8': { recompute: 'none', why: `${PERF}/configs/llama/llama3_workload_base_configs.py @v0.4.2:339-344 (LLAMA3_70B_PRETRAIN_CONFIG_H100_FP8_CS_V2); TP communication overlap on; ${LLAMA_NONE}:697-699, 705-708` },
  'DGX-GB200 llama3-405b FP8': { recompute: 'none', why: `${PERF}/configs/llama/llama31_workload_base_configs.py @v0.4.2:262-272 (LLAMA31_405B_PRETRAIN_CONFIG_GB200_FP8_CS_V2); TP communication overlap on; ${LLAMA_NONE}:1148-1150, 1156-1159` },
  'DGX-GB200 llama3-405b MXFP8': { recompute: 'none', why: `${PERF}/configs/llama/llama31_workload_base_configs.py @v0.4.2:275-281 (LLAMA31_405B_PRETRAIN_CONFIG_GB200_FP8_MX_V2); TP communication overlap on; ${LLAMA_NONE}:1148-1150, 1156-1159` },
  'DGX-H100 llama3-405b FP8': { recompute: 'none', why: `${PERF}/configs/llama/llama31_workload_base_configs.py @v0.4.2:297-300 (LLAMA31_405B_PRETRAIN_CONFIG_H100_FP8_CS_V2); TP communication overlap on; ${LLAMA_NONE}:1148-1150, 1156-1159` },
  'DGX-GB200 deepseek-v3 MXFP8': { recompute: 'selective', modules: ['mlp'], cudaGraphs: 'attn,moe_router,moe_preprocess', why: `${PERF}/configs/deepseek/deepseek_workload_base_configs.py @v0.4.2:72-84, 161-170 (DEEPSEEK_V3_PRETRAIN_CONFIG_GB200_FP8_MX_V2: recompute_modules ["mlp"], cuda_graph_impl "transformer_engine" with scope attn, moe_router, moe_preprocess, ${HYBRIDEP}, no moe_a2a_overlap), selective from deepseek_llm_pretrain.py:39 via utils/overrides.py:148-150; MTP 1 layer (src/megatron/bridge/recipes/deepseek/deepseek_v3.py @v0.4.2:84)` },
  'DGX-B200 deepseek-v3 MXFP8': { recompute: 'selective', modules: ['mla_up_proj', 'mlp'], cudaGraphs: 'attn,moe_router,moe_preprocess', a2aOverlap: true, why: `${PERF}/configs/deepseek/deepseek_workload_base_configs.py @v0.4.2:110-123, 197-214 (DEEPSEEK_V3_PRETRAIN_CONFIG_B200_FP8_MX_V2: recompute_modules ["mla_up_proj", "mlp"], cuda_graph_impl "transformer_engine" with scope attn, moe_router, moe_preprocess, flex backend "deepep", moe_a2a_overlap=True: Megatron-Core's combined 1F1B), selective from deepseek_llm_pretrain.py:39 via utils/overrides.py:148-150; MTP 1 layer (deepseek_v3.py @v0.4.2:84)` },
  'DGX-GB200 qwen3-30b-a3b MXFP8': { recompute: 'none', cudaGraphs: 'moe_router,moe_preprocess', why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.4.2:363-370 (QWEN3_30B_A3B_PRETRAIN_CONFIG_GB200_FP8_MX_V1, the default v2 variant falling back to it: cuda_graph_impl "transformer_engine" with scope moe_router, moe_preprocess; ${HYBRIDEP}); ${QWEN_COMMON}` },
  'DGX-B200 qwen3-30b-a3b MXFP8': { recompute: 'none', cudaGraphs: 'attn,moe_router,moe_preprocess', why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.4.2:396-403, 409 (QWEN3_30B_A3B_PRETRAIN_CONFIG_B200_FP8_MX_V1: cuda_graph_impl "transformer_engine" with scope attn, moe_router, moe_preprocess; ${HYBRIDEP}); ${QWEN_COMMON}` },
  'DGX-H100 qwen3-30b-a3b FP8': { recompute: 'none', why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.4.2:424-431 (QWEN3_30B_A3B_PRETRAIN_CONFIG_H100_FP8_CS_V1: EP16 over two nodes, ${HYBRIDEP}, no CUDA graphs, no moe_a2a_overlap); ${QWEN_COMMON}` },
  'DGX-GB200 qwen3-235b-a22b MXFP8': { recompute: 'none', cudaGraphs: 'attn,moe_router,moe_preprocess', why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.4.2:96-105, 216-227 (QWEN3_235B_A22B_PRETRAIN_CONFIG_GB200_FP8_MX_V2: cuda_graph_impl "transformer_engine" with scope attn, moe_router, moe_preprocess; ${HYBRIDEP}); ${QWEN_COMMON}` },
  'DGX-B200 qwen3-235b-a22b MXFP8': { recompute: 'none', dispatcher: 'alltoall', why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.4.2:149-156, 258-265 (QWEN3_235B_A22B_PRETRAIN_CONFIG_B200_FP8_MX_V2: no flex backend, so moe_token_dispatcher_type "alltoall", qwen3_llm_pretrain.py:142-143 and utils/overrides.py:232-233; no CUDA graphs); ${QWEN_COMMON}` },
  'DGX-GB300 llama3-70b FP8': { recompute: 'none', offload: 20, why: `${PERF}/configs/llama/llama3_workload_base_configs.py @v0.4.2:211-216 (LLAMA3_70B_PRETRAIN_CONFIG_GB300_FP8_CS_V2: Megatron-FSDP, cpu_offloading_num_layers=20: the activations of 20 layers offloaded to the Grace CPU, parallelism.cpuOffloadLayers); ${LLAMA_NONE}:697-699, 705-708` },
  'DGX-GB300 llama3-70b MXFP8': { recompute: 'none', why: `${PERF}/configs/llama/llama3_workload_base_configs.py @v0.4.2:219-223 (LLAMA3_70B_PRETRAIN_CONFIG_GB300_FP8_MX_V2: TP1 PP4 VP5); ${LLAMA_NONE}:697-699, 705-708` },
  'DGX-GB300 llama3-405b FP8': { recompute: 'none', why: `${PERF}/configs/llama/llama31_workload_base_configs.py @v0.4.2:225-235 (LLAMA31_405B_PRETRAIN_CONFIG_GB300_FP8_CS_V2: V1's FSDP and CPU offloading turned off); TP communication overlap on; ${LLAMA_NONE}:1148-1150, 1156-1159` },
  'DGX-GB300 llama3-405b MXFP8': { recompute: 'none', why: `${PERF}/configs/llama/llama31_workload_base_configs.py @v0.4.2:238-243 (LLAMA31_405B_PRETRAIN_CONFIG_GB300_FP8_MX_V2: TP2 × CP2, cp_comm_type unset, so Megatron-Core's p2p ring); TP communication overlap on; ${LLAMA_NONE}:1148-1150, 1156-1159` },
  'DGX-GB300 deepseek-v3 MXFP8': { recompute: 'selective', modules: ['mla_up_proj'], why: `${PERF}/configs/deepseek/deepseek_workload_base_configs.py @v0.4.2:41-54, 148-151, 157 (DEEPSEEK_V3_PRETRAIN_CONFIG_GB300_FP8_MX_V2: recompute_modules ["mla_up_proj"], cuda_graph_scope [] so no CUDA graphs, ${HYBRIDEP}, no moe_a2a_overlap, pipeline layout "Et*4|(t*4|)*14tmL"), selective from deepseek_llm_pretrain.py:39; MTP 1 layer (deepseek_v3.py @v0.4.2:84)` },
  'DGX-B300 deepseek-v3 MXFP8': { recompute: 'selective', modules: ['mla_up_proj'], cudaGraphs: 'attn,moe_router,moe_preprocess', why: `${PERF}/configs/deepseek/deepseek_workload_base_configs.py @v0.4.2:94-103, 180-193 (DEEPSEEK_V3_PRETRAIN_CONFIG_B300_FP8_MX_V2: recompute_modules ["mla_up_proj"], cuda_graph_impl "transformer_engine" with scope attn, moe_router, moe_preprocess, ${HYBRIDEP} within one node, no moe_a2a_overlap), selective from deepseek_llm_pretrain.py:39; MTP 1 layer (deepseek_v3.py @v0.4.2:84)` },
  'DGX-GB300 qwen3-30b-a3b MXFP8': { recompute: 'none', cudaGraphs: 'moe_router,moe_preprocess', why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.4.2:330-340 (QWEN3_30B_A3B_PRETRAIN_CONFIG_GB300_FP8_MX_V1, the default v2 variant falling back to it: cuda_graph_impl "transformer_engine" with scope moe_router, moe_preprocess; ${HYBRIDEP}); ${QWEN_COMMON}` },
  'DGX-B300 qwen3-30b-a3b MXFP8': { recompute: 'none', cudaGraphs: 'moe_router,moe_preprocess', why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.4.2:383-393 (QWEN3_30B_A3B_PRETRAIN_CONFIG_B300_FP8_MX_V1: cuda_graph_impl "transformer_engine" with scope moe_router, moe_preprocess; ${HYBRIDEP}); ${QWEN_COMMON}` },
  'DGX-GB300 qwen3-235b-a22b MXFP8': { recompute: 'none', cudaGraphs: 'attn,moe_router,moe_preprocess', why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.4.2:54-64, 191-205 (QWEN3_235B_A22B_PRETRAIN_CONFIG_GB300_FP8_MX_V2: VP12, cuda_graph_impl "transformer_engine" with scope attn, moe_router, moe_preprocess; ${HYBRIDEP}); ${QWEN_COMMON}` },
  'DGX-B300 qwen3-235b-a22b MXFP8': { recompute: 'none', why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.4.2:123-131, 239-247 (QWEN3_235B_A22B_PRETRAIN_CONFIG_B300_FP8_MX_V2: ${HYBRIDEP} within one node, no CUDA graphs); ${QWEN_COMMON}` },
  'DGX-H100 qwen3-235b-a22b FP8': { recompute: 'none', dispatcher: 'alltoall', a2aOverlap: true, tpOverlap: false, why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.4.2:175-184, 275-278 (QWEN3_235B_A22B_PRETRAIN_CONFIG_H100_FP8_CS_V2: moe_a2a_overlap=True, no flex backend so "alltoall" (qwen3_llm_pretrain.py:168-169), TP communication overlap off, no CUDA graphs); ${QWEN_COMMON}` },
};
const GRAD_2604 = {
  'llama3-70b': `${PERF}/configs/llama/llama3_llm_pretrain.py @v0.4.2 (grad_reduce_in_fp32 False)`,
  'llama3-405b': `${PERF}/configs/llama/llama31_llm_pretrain.py @v0.4.2 (grad_reduce_in_fp32 False)`,
  'qwen3-30b-a3b': `${PERF}/configs/qwen/qwen3_llm_pretrain.py @v0.4.2:30-44 (grad_reduce_in_fp32 False)`,
  'qwen3-235b-a22b': `${PERF}/configs/qwen/qwen3_llm_pretrain.py @v0.4.2:30-44 (grad_reduce_in_fp32 False)`,
  'deepseek-v3': `${PERF}/configs/deepseek/deepseek_llm_pretrain.py @v0.4.2 (grad_reduce_in_fp32 False)`,
};
const DSV3_OPT_2604 = 'src/megatron/bridge/recipes/deepseek/deepseek_v3.py @v0.4.2 (use_precision_aware_optimizer, BF16 exp_avg / exp_avg_sq, FP32 main parameters)';

/**
 * The layout each DeepSeek-V3 row of a 26.x table ran at Megatron-Bridge `tag`: GB300 (PP2 x VP8, not in the recipe's
 * map) takes its base config's pp_layout string, applied by the GB300 builder at `gb300Lines` of deepseek_llm_pretrain.py;
 * the others the recipe's layout_map (`mapSrc`).
 */
function recipeLayout(row, tag, gb300Lines, mapSrc) {
  const [, system, , , , , , , , , pp, , vp] = row;
  if (system === 'DGX-GB300') return { layout: 'Et*4|(t*4|)*14tmL', why: `${PERF}/configs/deepseek/deepseek_workload_base_configs.py @${tag}:48 (pp_layout), applied by deepseek_llm_pretrain.py @${tag}:${gb300Lines}` };
  const layout = dsv3Layout(pp, vp, 1);
  if (!layout) throw new Error(`no DeepSeek-V3 layout for ${system} PP${pp} x VP${vp}`);
  return { layout, why: `the DeepSeek-V3 recipe's layout for PP${pp} x VP${vp} (${mapSrc}), which the ${system.replace('DGX-', '')} builder sets (${PERF}/configs/deepseek/deepseek_llm_pretrain.py @${tag})` };
}
const layout2604 = (row) => recipeLayout(row, 'v0.4.2', '69-70', DSV3_LAYOUT_SRC);

writeCases(
  path.join(here, 'megatron-bridge-26.04'),
  rows2604.map((row) => {
    const [, system, model, , prec] = row;
    return buildCase(row, {
      src: SRC_2604,
      prec: PREC_2604,
      rc: CONFIG_2604[`${system} ${model} ${prec}`],
      gradSrc: GRAD_2604[model],
      optSrc: model === 'deepseek-v3' ? DSV3_OPT_2604 : undefined,
      layout: model === 'deepseek-v3' ? layout2604(row) : undefined,
    });
  }),
);

// ---------------------------------------------------------------------------------------------------------------------
// The 26.06 tables (third held-out set, engine/validation/megatron-bridge-26.06): Megatron-Bridge v0.5.0 (docs/versions1.json
// "0.5.0 · 26.06"; the table is in docs/performance-summary-archive.md @067f987d). Same families, NVFP4 and the models a
// plan cannot state left out as before. The Llama 3.1 405B configs are unchanged from v0.4.2; the MXFP8 MoE rows on
// GB200 / GB300 / B300 turn on Megatron-Core's combined 1F1B, full-iteration CUDA graphs and Transformer Engine's fused
// grouped MLP (all stated), and FP8 dot-product attention plus capacity-padded experts for the graphs (not statable).
// ---------------------------------------------------------------------------------------------------------------------
const SRC_2606 = 'NVIDIA-NeMo/Megatron-Bridge docs/performance-summary-archive.md @067f987d (Megatron-Bridge v0.5.0: docs/versions1.json "0.5.0 · 26.06")';
// [table, system, model, gpus, precision, gbs, mbs, seq, fsdp, tp, pp, cp, vp, ep, tokens/s/GPU]
const rows2606 = [
  ['26.06', 'DGX-GB300', 'llama3-405b', 256, 'FP8', 1536, 1, 8192, 0, 4, 8, 1, 4, 1, 1048],
  ['26.06', 'DGX-GB300', 'llama3-405b', 256, 'MXFP8', 1536, 1, 8192, 0, 2, 8, 2, 4, 1, 952],
  ['26.06', 'DGX-GB200', 'llama3-405b', 256, 'FP8', 1536, 1, 8192, 0, 4, 16, 1, 4, 1, 843],
  ['26.06', 'DGX-GB200', 'llama3-405b', 256, 'MXFP8', 1536, 1, 8192, 0, 4, 16, 1, 8, 1, 783],
  ['26.06', 'DGX-H100', 'llama3-405b', 1024, 'FP8', 1536, 1, 8192, 0, 8, 8, 2, 8, 1, 326],
  ['26.06', 'DGX-GB300', 'deepseek-v3', 256, 'MXFP8', 4096, 1, 4096, 0, 1, 2, 1, 8, 32, 6338],
  ['26.06', 'DGX-GB300', 'deepseek-v3', 256, 'MXFP8', 15360, 1, 4096, 0, 1, 2, 1, 8, 32, 6422],
  ['26.06', 'DGX-GB200', 'deepseek-v3', 256, 'MXFP8', 4096, 1, 4096, 0, 1, 4, 1, 4, 64, 4969],
  ['26.06', 'DGX-B300', 'deepseek-v3', 256, 'MXFP8', 4096, 2, 4096, 0, 1, 8, 1, 1, 8, 3541],
  ['26.06', 'DGX-GB300', 'qwen3-30b-a3b', 8, 'MXFP8', 512, 8, 4096, 0, 1, 1, 1, 1, 8, 45275],
  ['26.06', 'DGX-GB200', 'qwen3-30b-a3b', 8, 'MXFP8', 512, 4, 4096, 0, 1, 1, 1, 1, 8, 40706],
  ['26.06', 'DGX-B300', 'qwen3-30b-a3b', 8, 'MXFP8', 512, 8, 4096, 0, 1, 1, 1, 1, 8, 40769],
  ['26.06', 'DGX-H100', 'qwen3-30b-a3b', 16, 'FP8', 1024, 1, 4096, 0, 1, 1, 1, 1, 16, 8826],
  ['26.06', 'DGX-GB300', 'qwen3-235b-a22b', 256, 'MXFP8', 8192, 2, 4096, 0, 1, 4, 1, 12, 32, 9015],
  ['26.06', 'DGX-GB200', 'qwen3-235b-a22b', 256, 'MXFP8', 8192, 1, 4096, 0, 1, 8, 1, 3, 32, 7376],
];
const QWEN_2606 = `${PERF}/configs/qwen/qwen3_llm_pretrain.py @v0.5.0:31-43 (recompute_granularity None; grad_reduce_in_fp32 False)`;
const FUSED_2606 = `cutedsl_fused_grouped_mlp=True: Transformer Engine's CuTe DSL fused grouped MLP (NVTE_CUTEDSL_FUSED_GROUPED_MLP=1 and use_transformer_engine_op_fuser, ${PERF}/perf_plugins.py and utils/overrides.py @v0.5.0), assumptions.expertMlpKernels fused`;
const FULL_CG_2606 = 'cuda_graph_impl "full_iteration" (assumptions.cudaGraphs full_iteration)';
const FP8_HEAD = `the LM head in MXFP8 (Megatron-Core fp8_output_proj, assumptions.outputHeadPrecision fp8), which the MXFP8 builder sets: ${PERF}/configs/deepseek/deepseek_llm_pretrain.py @v0.5.0`;
const FP8_DPA = 'fp8_dot_product_attention=True (attention in FP8 through cuDNN; no Blackwell FP8 attention measurement is published, so the attention is timed at the BF16 rate: the prediction leans slow)';
const PADDED = (file) => `experts padded to a 1.5× capacity with paged stashing for the full-iteration graph (${PERF}/configs/${file} @v0.5.0 set_full_iter_cg_configs: moe_pad_experts_for_cuda_graph_inference, moe_expert_rank_capacity_factor 1.5, moe_paged_stash)`;
const CONFIG_2606 = {
  'DGX-GB300 llama3-405b FP8': { ...CONFIG_2604['DGX-GB300 llama3-405b FP8'], why: `${PERF}/configs/llama/llama31_workload_base_configs.py @v0.5.0:225-235 (LLAMA31_405B_PRETRAIN_CONFIG_GB300_FP8_CS_V2, unchanged from v0.4.2); TP communication overlap on; no recomputation and no CUDA graphs (src/megatron/bridge/recipes/llama/llama3.py)` },
  'DGX-GB300 llama3-405b MXFP8': { ...CONFIG_2604['DGX-GB300 llama3-405b MXFP8'], why: `${PERF}/configs/llama/llama31_workload_base_configs.py @v0.5.0:238-243 (LLAMA31_405B_PRETRAIN_CONFIG_GB300_FP8_MX_V2, unchanged from v0.4.2: TP2 × CP2, Megatron-Core's p2p ring); TP communication overlap on; no recomputation and no CUDA graphs` },
  'DGX-GB200 llama3-405b FP8': { ...CONFIG_2604['DGX-GB200 llama3-405b FP8'], why: `${PERF}/configs/llama/llama31_workload_base_configs.py @v0.5.0:263-273 (LLAMA31_405B_PRETRAIN_CONFIG_GB200_FP8_CS_V2, unchanged from v0.4.2); TP communication overlap on; no recomputation and no CUDA graphs` },
  'DGX-GB200 llama3-405b MXFP8': { ...CONFIG_2604['DGX-GB200 llama3-405b MXFP8'], why: `${PERF}/configs/llama/llama31_workload_base_configs.py @v0.5.0:276-282 (LLAMA31_405B_PRETRAIN_CONFIG_GB200_FP8_MX_V2, unchanged from v0.4.2); TP communication overlap on; no recomputation and no CUDA graphs` },
  'DGX-H100 llama3-405b FP8': { ...CONFIG_2604['DGX-H100 llama3-405b FP8'], why: `${PERF}/configs/llama/llama31_workload_base_configs.py @v0.5.0:314-317 (LLAMA31_405B_PRETRAIN_CONFIG_H100_FP8_CS_V2, unchanged from v0.4.2); TP communication overlap on; no recomputation and no CUDA graphs` },
  'DGX-GB300 deepseek-v3 MXFP8': {
    recompute: 'none', cudaGraphs: 'full_iteration', a2aOverlap: true, fusedMlp: true, fp8Head: true,
    unstated: [FP8_DPA, PADDED('deepseek/deepseek_llm_pretrain.py')],
    why: `${PERF}/configs/deepseek/deepseek_workload_base_configs.py @v0.5.0:41-54, 68-76, 193-196 (DEEPSEEK_V3_PRETRAIN_CONFIG_GB300_FP8_MX_V2: MBS 1, ${FULL_CG_2606}, moe_a2a_overlap=True (combined 1F1B), ${FUSED_2606}, recompute_modules [] so nothing is recomputed, ${HYBRIDEP}, pipeline layout "Et*4|(t*4|)*14tmL"); ${FP8_HEAD}:82; MTP 1 layer (deepseek_v3.py @v0.5.0:278)`,
  },
  'DGX-GB200 deepseek-v3 MXFP8': {
    recompute: 'selective', modules: ['mla_up_proj'], cudaGraphs: 'full_iteration', a2aOverlap: true, fusedMlp: true, fp8Head: true,
    unstated: [PADDED('deepseek/deepseek_llm_pretrain.py')],
    why: `${PERF}/configs/deepseek/deepseek_workload_base_configs.py @v0.5.0:80-92, 98-105, 209-212 (DEEPSEEK_V3_PRETRAIN_CONFIG_GB200_FP8_MX_V2: ${FULL_CG_2606}, moe_a2a_overlap=True (combined 1F1B), ${FUSED_2606}, recompute_modules ["mla_up_proj"], ${HYBRIDEP}; no FP8 attention), selective from deepseek_llm_pretrain.py @v0.5.0:40; ${FP8_HEAD}:122; MTP 1 layer (deepseek_v3.py @v0.5.0:278)`,
  },
  'DGX-B300 deepseek-v3 MXFP8': { ...CONFIG_2604['DGX-B300 deepseek-v3 MXFP8'], why: `${PERF}/configs/deepseek/deepseek_workload_base_configs.py @v0.5.0:130-139, 222-235 (DEEPSEEK_V3_PRETRAIN_CONFIG_B300_FP8_MX_V2, unchanged from v0.4.2: recompute_modules ["mla_up_proj"], cuda_graph_impl "transformer_engine" with scope attn, moe_router, moe_preprocess, ${HYBRIDEP} within one node, no moe_a2a_overlap), selective from deepseek_llm_pretrain.py @v0.5.0:40; MTP 1 layer` },
  'DGX-GB300 qwen3-30b-a3b MXFP8': {
    recompute: 'none', cudaGraphs: 'full_iteration', a2aOverlap: true, fusedMlp: true,
    unstated: [FP8_DPA, PADDED('qwen/qwen3_llm_pretrain.py')],
    why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.5.0:348-365 (QWEN3_30B_A3B_PRETRAIN_CONFIG_GB300_FP8_MX_V1: MBS 8, ${HYBRIDEP}, moe_a2a_overlap=True (combined 1F1B), ${FULL_CG_2606}, ${FUSED_2606}); ${QWEN_2606}`,
  },
  'DGX-GB200 qwen3-30b-a3b MXFP8': {
    recompute: 'none', cudaGraphs: 'full_iteration', a2aOverlap: true, fusedMlp: true,
    unstated: [FP8_DPA, PADDED('qwen/qwen3_llm_pretrain.py')],
    why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.5.0:388-398 (QWEN3_30B_A3B_PRETRAIN_CONFIG_GB200_FP8_MX_V1: MBS 4, ${HYBRIDEP}, moe_a2a_overlap=True (combined 1F1B), ${FULL_CG_2606}, ${FUSED_2606}); ${QWEN_2606}`,
  },
  'DGX-B300 qwen3-30b-a3b MXFP8': {
    recompute: 'none', cudaGraphs: 'full_iteration', a2aOverlap: true, fusedMlp: true,
    unstated: [FP8_DPA, PADDED('qwen/qwen3_llm_pretrain.py')],
    why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.5.0:422-439 (QWEN3_30B_A3B_PRETRAIN_CONFIG_B300_FP8_MX_V1: MBS 8, ${HYBRIDEP}, moe_a2a_overlap=True (combined 1F1B), ${FULL_CG_2606}, ${FUSED_2606}); ${QWEN_2606}`,
  },
  'DGX-H100 qwen3-30b-a3b FP8': { ...CONFIG_2604['DGX-H100 qwen3-30b-a3b FP8'], why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.5.0:470-477 (QWEN3_30B_A3B_PRETRAIN_CONFIG_H100_FP8_CS_V1, unchanged from v0.4.2: EP16 over two nodes, ${HYBRIDEP}, no CUDA graphs, no moe_a2a_overlap); ${QWEN_2606}` },
  'DGX-GB300 qwen3-235b-a22b MXFP8': {
    recompute: 'none', cudaGraphs: 'full_iteration', a2aOverlap: true, fusedMlp: true,
    unstated: [FP8_DPA, PADDED('qwen/qwen3_llm_pretrain.py')],
    why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.5.0:54-64, 191-210 (QWEN3_235B_A22B_PRETRAIN_CONFIG_GB300_FP8_MX_V2: VP12, ${HYBRIDEP}, moe_a2a_overlap=True (combined 1F1B), ${FULL_CG_2606}, ${FUSED_2606}); ${QWEN_2606}`,
  },
  'DGX-GB200 qwen3-235b-a22b MXFP8': {
    recompute: 'none', cudaGraphs: 'full_iteration', a2aOverlap: true, fusedMlp: true,
    unstated: [FP8_DPA, PADDED('qwen/qwen3_llm_pretrain.py')],
    why: `${PERF}/configs/qwen/qwen3_workload_base_configs.py @v0.5.0:96-105, 221-237 (QWEN3_235B_A22B_PRETRAIN_CONFIG_GB200_FP8_MX_V2: VP3, EP32, ${HYBRIDEP}, moe_a2a_overlap=True (combined 1F1B), ${FULL_CG_2606}, ${FUSED_2606}); ${QWEN_2606}`,
  },
};
const GRAD_2606 = Object.fromEntries(Object.entries(GRAD_2604).map(([k, v]) => [k, v.replace('@v0.4.2', '@v0.5.0')]));

const layout2606 = (row) => recipeLayout(row, 'v0.5.0', '88-89', 'src/megatron/bridge/recipes/deepseek/deepseek_v3.py @v0.5.0:67-75, the same layout_map as v0.4.2');

writeCases(
  path.join(here, 'megatron-bridge-26.06'),
  rows2606.map((row) => {
    const [, system, model, , prec, gbs] = row;
    const built = buildCase(row, {
      src: SRC_2606,
      prec: PREC_2604,
      rc: CONFIG_2606[`${system} ${model} ${prec}`],
      gradSrc: GRAD_2606[model],
      optSrc: model === 'deepseek-v3' ? DSV3_OPT_2604.replace('@v0.4.2', '@v0.5.0') : undefined,
      layout: model === 'deepseek-v3' ? layout2606(row) : undefined,
    });
    // two GB300 DeepSeek-V3 rows differ only in the global batch: keep both ids apart
    if (model === 'deepseek-v3' && system === 'DGX-GB300') {
      const id = `${built.id}-gbs${gbs}`;
      return { ...built, id, expected: { ...built.expected, id } };
    }
    return built;
  }),
);
