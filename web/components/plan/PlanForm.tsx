'use client';
/**
 * The plan editor: model (preset or inline architecture), training, cluster, parallelism, precision, MoE, price.
 * Every input edits one plan path; the engine's errors for that path appear under it.
 */
import { FRAMEWORK_PRESETS, RECOMPUTE_MODULES, lookupId, measuredAttentionKernels, recomputeModuleMismatch, type Catalog, type FieldError, type ModelArch, type RecomputeModule } from '@flopcast/engine';
import { getAtPath, setRampField, toggleRecomputeModule, withRecompute, type PlanDocument, clone } from '@/lib/plan-doc';
import { presetRun } from '@/lib/presets';
import { CheckField, CheckListField, NumberField, SelectField, TextField } from './fields';

export const INLINE = '__inline__';

const ATTENTION_KERNEL_LABELS: Record<string, string> = {
  unfused: 'unfused (2021-22 Megatron)',
  'pytorch-flash': 'Flash attention in PyTorch (SDPA / Triton), end-to-end rate',
  flash2: 'FlashAttention-2 kernel rate',
  flash3: 'FlashAttention-3 / cuDNN class',
};


type Set = (path: string, value: unknown) => void;

/** Every plan path the form can show an input for (used to place errors). */
export function formFieldPaths(doc: PlanDocument): string[] {
  const paths = [
    'name', 'model',
    'training.tokens', 'training.sequenceLength', 'training.globalBatchSize', 'training.microBatchSize',
    'training.batchRamp.startBatchSize', 'training.batchRamp.tokens', 'training.batchRamp.increment',
    'cluster.gpu', 'cluster.gpus', 'cluster.gpusPerNode', 'cluster.intraNode', 'cluster.interNode', 'cluster.nicsPerNode',
    'parallelism.tensor', 'parallelism.pipeline', 'parallelism.virtualStages', 'parallelism.context', 'parallelism.expert',
    'parallelism.expertTensor', 'parallelism.data', 'parallelism.sequenceParallel', 'parallelism.zero', 'parallelism.schedule',
    'parallelism.recompute', 'parallelism.recomputeModules', 'parallelism.pipelineLayout', 'parallelism.cpuOffloadLayers', 'precision', 'moe.balancing', 'moe.nodeLimit', 'moe.dispatchPrecision', 'pricing.usdPerGpuHour',
    'assumptions.attentionKernel', 'assumptions.layerSplit', 'assumptions.tpCommOverlap', 'assumptions.hostUsPerKernel', 'assumptions.cudaGraphs', 'assumptions.elementwiseKernels', 'assumptions.selectiveRecompute', 'assumptions.optimizerKernels', 'assumptions.gradientPrecision', 'assumptions.optimizerStatePrecision', 'assumptions.ppCommOverlap', 'assumptions.cpComm', 'assumptions.moeDispatcher', 'assumptions.epA2aOverlap', 'assumptions.expertMlpKernels', 'assumptions.outputHeadPrecision', 'assumptions.framework',
  ];
  if (typeof doc.model !== 'string') {
    paths.push('model.name', 'model.layers', 'model.hiddenSize', 'model.vocabSize', 'model.tiedEmbeddings', 'model.attention.type',
      'model.attention.heads', 'model.ffn.activation', 'model.ffn.intermediateSize', 'model.norm', 'model.positionEmbedding', 'model.mtp.depth');
    const att = doc.model.attention;
    if (att?.type === 'gqa') paths.push('model.attention.kvHeads', 'model.attention.headDim');
    else paths.push('model.attention.qLoraRank', 'model.attention.kvLoraRank', 'model.attention.qkNopeHeadDim', 'model.attention.qkRopeHeadDim', 'model.attention.vHeadDim');
    if (doc.model.moe) paths.push('model.moe', 'model.moe.denseLayers', 'model.moe.routedExperts', 'model.moe.sharedExperts', 'model.moe.expertIntermediateSize', 'model.moe.topK');
  }
  return paths;
}

/** What each Megatron-Core recompute module re-runs (plan/recompute.ts in the engine). */
const RECOMPUTE_MODULE_TITLES: Record<RecomputeModule, string> = {
  core_attn: 'attention core (QKᵀ, softmax, AV)',
  layernorm: 'input and pre-MLP norms (outputs not stored)',
  mla_up_proj: 'MLA up-projections and RoPE',
  mlp: 'the whole dense MLP (only its input stored)',
  moe: 'the whole MoE layer: router, dispatch/combine all-to-alls, experts (only its input stored)',
  moe_act: "the experts' activation function",
  shared_experts: 'the shared experts (only their input stored)',
};

/**
 * The recompute modules that apply to the plan's model (engine `recomputeModuleMismatch`), plus any the plan already
 * lists so an inapplicable one can be unticked next to its error. All of them while an inline model is incomplete.
 */
export function recomputeModuleOptions(doc: PlanDocument, catalog: Catalog): RecomputeModule[] {
  const arch = typeof doc.model === 'string' ? lookupId(catalog.models, doc.model)?.arch : doc.model;
  const listed = doc.parallelism.recomputeModules ?? [];
  return RECOMPUTE_MODULES.filter((m) => {
    if (listed.includes(m) || !arch?.attention || typeof arch.layers !== 'number') return true;
    return recomputeModuleMismatch(m, arch) === undefined;
  });
}

/** Whether the plan's model is a mixture of experts. */
export function isMoeModel(doc: PlanDocument, catalog: Catalog): boolean {
  return typeof doc.model === 'string' ? Boolean(lookupId(catalog.models, doc.model)?.arch.moe) : Boolean(doc.model.moe);
}

/**
 * The plan after picking a model in the picker: a preset id, or INLINE to write out the current preset's
 * architecture. Switching between dense and MoE adds or removes the MoE options and the expert degree.
 */
export function pickModel(doc: PlanDocument, choice: string, catalog: Catalog): PlanDocument {
  const next = clone(doc);
  if (choice === INLINE) {
    const fromId = typeof doc.model === 'string' ? doc.model : undefined;
    if (!fromId) return next;
    const arch = lookupId(catalog.models, fromId)?.arch;
    if (arch) next.model = clone(arch) as ModelArch;
    return next;
  }
  next.model = choice;
  const moe = Boolean(lookupId(catalog.models, choice)?.arch.moe);
  if (moe && !next.moe) {
    next.moe = { balancing: 'aux-loss', nodeLimit: 0, dispatchPrecision: 'bf16' };
    next.parallelism.expert ??= 1;
  }
  if (!moe) {
    delete next.moe;
    delete next.parallelism.expert;
    delete next.parallelism.expertTensor;
  }
  return next;
}

const SCHEDULES = [
  { value: 'gpipe', label: 'GPipe' },
  { value: '1f1b', label: '1F1B' },
  { value: 'interleaved-1f1b', label: 'Interleaved 1F1B' },
  { value: 'zb1p', label: 'Zero bubble (ZB-1P)' },
  { value: 'dualpipe', label: 'DualPipe' },
  { value: 'dualpipev', label: 'DualPipeV' },
] as const;

export function PlanForm(props: {
  doc: PlanDocument;
  catalog: Catalog;
  errorsByField: Record<string, FieldError[]>;
  onSet: Set;
  onReplace: (doc: PlanDocument) => void;
}) {
  const { doc, catalog, errorsByField: E, onSet } = props;
  const inline = typeof doc.model !== 'string';
  const moe = isMoeModel(doc, catalog);
  const v = (path: string) => getAtPath(doc, path);
  const gpu = lookupId(catalog.gpus, doc.cluster.gpu);
  // the stack the engine applies when the plan names none: the GPU profile's default (engine plan/validate.ts)
  const gpuFramework = gpu?.efficiency.defaultFramework ?? 'generic';
  const stackDefaults = FRAMEWORK_PRESETS[((doc.assumptions?.framework as string | undefined) || gpuFramework) as keyof typeof FRAMEWORK_PRESETS] ?? {};
  const links = Object.values(catalog.links);
  const modelId = typeof doc.model === 'string' ? doc.model : undefined;
  const run = modelId ? presetRun(modelId) : undefined;

  const num = (path: string, label: string, extra: { optional?: boolean; placeholder?: string | undefined; hint?: string; wide?: boolean } = {}) => (
    <NumberField key={path} path={path} label={label} value={v(path)} errors={E[path]} onChange={(x) => onSet(path, x)} {...extra} />
  );

  return (
    <form className="plan-form panel" aria-label="Plan" onSubmit={(e) => e.preventDefault()} noValidate>
      <fieldset>
        <legend>Plan</legend>
        <div className="fields">
          <TextField path="name" label="Plan name" wide value={doc.name} errors={E.name} onChange={(x) => onSet('name', x)} />
        </div>
      </fieldset>

      <fieldset>
        <legend>Model</legend>
        <div className="fields">
          <SelectField<string>
            path="model"
            label="Model"
            wide
            value={inline ? INLINE : doc.model as string}
            errors={E.model}
            options={[
              ...Object.values(catalog.models).map((m) => ({ value: m.id, label: m.name })),
              { value: INLINE, label: 'Inline architecture…' },
            ]}
            onChange={(x) => x !== undefined && props.onReplace(pickModel(doc, x, catalog))}
          />
          {run ? (
            <div className="field wide" style={{ alignItems: 'flex-start' }}>
              <button type="button" className="btn small" onClick={() => props.onReplace(run.plan)} title={run.source}>
                Load its published run ({run.plan.cluster.gpus} × {run.plan.cluster.gpu})
              </button>
            </div>
          ) : null}
          {inline ? <InlineModelFields doc={doc} E={E} onSet={onSet} /> : null}
        </div>
      </fieldset>

      <fieldset>
        <legend>Training</legend>
        <div className="fields">
          {num('training.tokens', 'Tokens', { hint: 'e.g. 14.8e12' })}
          {num('training.sequenceLength', 'Sequence length')}
          {num('training.globalBatchSize', 'Global batch (sequences)')}
          {num('training.microBatchSize', 'Micro-batch (sequences)')}
        </div>
        <div className="fields" aria-label="Batch-size ramp">
          {(['startBatchSize', 'tokens', 'increment'] as const).map((k) => (
            <NumberField
              key={k}
              path={`training.batchRamp.${k}`}
              label={{ startBatchSize: 'Ramp: start batch', tokens: 'Ramp: over tokens', increment: 'Ramp: increment' }[k]}
              value={v(`training.batchRamp.${k}`)}
              errors={E[`training.batchRamp.${k}`]}
              onChange={(x) => props.onReplace(setRampField(doc, k, x))}
              optional
              placeholder={{ startBatchSize: 'none (full batch from step 1)', tokens: 'e.g. 469e9', increment: 'default: ≤ 64 stages on the layout’s grid' }[k]}
            />
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>Cluster</legend>
        <div className="fields">
          <SelectField<string>
            path="cluster.gpu" label="GPU" wide value={doc.cluster.gpu} errors={E['cluster.gpu']}
            options={Object.values(catalog.gpus).map((g) => ({ value: g.id, label: `${g.name} (${g.memoryGiB} GiB)` }))}
            onChange={(x) => onSet('cluster.gpu', x)}
          />
          {num('cluster.gpus', 'GPUs')}
          {num('cluster.gpusPerNode', 'GPUs per node', { optional: true, placeholder: gpu ? `${gpu.defaults.gpusPerNode} (default)` : 'default' })}
          <SelectField<string>
            path="cluster.intraNode" label="Intra-node link" value={doc.cluster.intraNode} errors={E['cluster.intraNode']}
            options={[{ value: '', label: gpu ? `default (${gpu.defaults.intraNode})` : 'default' }, ...links.filter((l) => l.kind === 'intra-node').map((l) => ({ value: l.id, label: l.name }))]}
            onChange={(x) => onSet('cluster.intraNode', x)}
          />
          <SelectField<string>
            path="cluster.interNode" label="Scale-out link" value={doc.cluster.interNode} errors={E['cluster.interNode']}
            options={[{ value: '', label: gpu ? `default (${gpu.defaults.interNode})` : 'default' }, ...links.filter((l) => l.kind === 'scale-out').map((l) => ({ value: l.id, label: l.name }))]}
            onChange={(x) => onSet('cluster.interNode', x)}
          />
          {num('cluster.nicsPerNode', 'NICs per node', { optional: true, placeholder: 'GPUs per node' })}
        </div>
      </fieldset>

      <fieldset>
        <legend>Parallelism</legend>
        <div className="fields">
          {num('parallelism.tensor', 'Tensor (TP)')}
          {num('parallelism.pipeline', 'Pipeline (PP)')}
          <SelectField<string>
            path="parallelism.schedule" label="Schedule" value={doc.parallelism.schedule} errors={E['parallelism.schedule']}
            options={[{ value: '', label: 'default' }, ...SCHEDULES.map((s) => ({ value: s.value, label: s.label }))]}
            onChange={(x) => onSet('parallelism.schedule', x)}
          />
          {num('parallelism.virtualStages', 'Virtual stages', { optional: true, placeholder: '1' })}
          {num('parallelism.context', 'Context (CP)', { optional: true, placeholder: '1' })}
          {num('parallelism.data', 'Data (DP)', { optional: true, placeholder: 'derived' })}
          {moe ? num('parallelism.expert', 'Expert (EP)', { optional: true, placeholder: '1' }) : null}
          {moe ? num('parallelism.expertTensor', 'Expert TP', { optional: true, placeholder: '1' }) : null}
          <SelectField<number>
            path="parallelism.zero" label="ZeRO stage" value={doc.parallelism.zero} errors={E['parallelism.zero']}
            options={[{ value: '', label: 'default' }, { value: 0, label: '0 — none' }, { value: 1, label: '1 — optimizer' }, { value: 2, label: '2 — + gradients' }, { value: 3, label: '3 — + params (FSDP)' }]}
            onChange={(x) => onSet('parallelism.zero', x)}
          />
          <SelectField<string>
            path="parallelism.recompute" label="Recompute" value={doc.parallelism.recompute} errors={E['parallelism.recompute']}
            options={[{ value: '', label: 'default' }, { value: 'none', label: 'none' }, { value: 'selective', label: 'selective' }, { value: 'full', label: 'full' }]}
            onChange={(x) => props.onReplace(withRecompute(doc, x as PlanDocument['parallelism']['recompute']))}
          />
          {doc.parallelism.recompute === 'selective' ? (
            <CheckListField<RecomputeModule>
              path="parallelism.recomputeModules"
              label="Selective recompute modules (Megatron-Core --recompute-modules)"
              wide
              value={doc.parallelism.recomputeModules}
              errors={E['parallelism.recomputeModules']}
              options={recomputeModuleOptions(doc, catalog).map((m) => ({ value: m, label: m, title: RECOMPUTE_MODULE_TITLES[m] }))}
              hint="none ticked: the standard scope (attention core or MLA up-projections, norms, activation functions)"
              onToggle={(m, on) => props.onReplace(toggleRecomputeModule(doc, m, on))}
            />
          ) : null}
          {num('parallelism.cpuOffloadLayers', 'Layers offloaded to CPU', { optional: true, placeholder: 'none', hint: 'Megatron-Core --cpu-offloading-num-layers: their activations wait in host memory (pipeline 1, recompute none)' })}
          <CheckField path="parallelism.sequenceParallel" label="Sequence parallel" wide value={doc.parallelism.sequenceParallel} errors={E['parallelism.sequenceParallel']} onChange={(x) => onSet('parallelism.sequenceParallel', x)} />
        </div>
      </fieldset>

      <fieldset>
        <legend>Precision{moe ? ' and MoE' : ''}</legend>
        <div className="fields">
          <SelectField<string>
            path="precision" label="Precision" wide={!moe} value={doc.precision} errors={E.precision}
            options={[{ value: '', label: 'default' }, { value: 'bf16', label: 'BF16' }, { value: 'fp8', label: 'FP8 (fine-grained, DeepSeek-V3)' }, { value: 'fp8-tensorwise', label: 'FP8 tensorwise' }]}
            onChange={(x) => onSet('precision', x)}
          />
          {moe ? (
            <>
              <SelectField<string>
                path="moe.balancing" label="Load balancing" value={doc.moe?.balancing} errors={E['moe.balancing']}
                options={[{ value: '', label: 'default' }, { value: 'aux-loss', label: 'aux loss' }, { value: 'aux-loss-free', label: 'aux-loss-free' }, { value: 'none', label: 'none' }]}
                onChange={(x) => onSet('moe.balancing', x)}
              />
              {num('moe.nodeLimit', 'Node limit (0 = none)', { optional: true, placeholder: '0' })}
              <SelectField<string>
                path="moe.dispatchPrecision" label="Dispatch precision" value={doc.moe?.dispatchPrecision} errors={E['moe.dispatchPrecision']}
                options={[{ value: '', label: 'default' }, { value: 'fp8', label: 'FP8' }, { value: 'bf16', label: 'BF16' }]}
                onChange={(x) => onSet('moe.dispatchPrecision', x)}
              />
            </>
          ) : null}
        </div>
      </fieldset>

      <fieldset>
        <legend>Software stack</legend>
        <div className="fields">
          <SelectField<string>
            path="assumptions.framework" label="Framework defaults" wide value={v('assumptions.framework') as string | undefined} errors={E['assumptions.framework']}
            options={[
              { value: '', label: `GPU profile default (${gpuFramework})` },
              { value: 'generic', label: 'generic (no preset)' },
              { value: 'megatron-core', label: 'Megatron-Core / NeMo (TE cuDNN attention, fused ops)' },
              { value: 'torchtitan', label: 'torchtitan, eager (SDPA, op SAC)' },
              { value: 'torchtitan-compile', label: 'torchtitan + torch.compile' },
            ]}
            hint="Sets the framework's defaults for the fields below that you leave on default; unset, the GPU profile's default stack applies (H100 / H200: PyTorch-native eager)"
            onChange={(x) => onSet('assumptions.framework', x)}
          />
          <SelectField<string>
            path="assumptions.attentionKernel" label="Attention kernel" value={v('assumptions.attentionKernel') as string | undefined} errors={E['assumptions.attentionKernel']}
            options={[
              { value: '', label: `GPU profile default${gpu ? ` (${gpu.efficiency.attentionKernel ?? 'flash2'})` : ''}` },
              ...(gpu ? measuredAttentionKernels(gpu) : []).map((k) => ({ value: k, label: ATTENTION_KERNEL_LABELS[k] ?? k })),
            ]}
            hint="Which attention kernel class the framework runs: PyTorch SDPA = FlashAttention-2 class; Megatron-Core / NeMo on Hopper (cuDNN) = FlashAttention-3 class"
            onChange={(x) => onSet('assumptions.attentionKernel', x)}
          />
          <SelectField<string>
            path="assumptions.layerSplit" label="Pipeline layer split" value={v('assumptions.layerSplit') as string | undefined} errors={E['assumptions.layerSplit']}
            options={[{ value: '', label: 'default (even)' }, { value: 'even', label: 'even (layer counts)' }, { value: 'balanced', label: 'balanced (weighs embedding, head, MTP)' }]}
            onChange={(x) => onSet('assumptions.layerSplit', x)}
          />
          <TextField
            path="parallelism.pipelineLayout" label="Pipeline layout (Megatron-Core --pipeline-model-parallel-layout)"
            value={(v('parallelism.pipelineLayout') as string | undefined) ?? ''} errors={E['parallelism.pipelineLayout']}
            placeholder="from the layer split · Et*4|(t*4|)*14tmL"
            onChange={(x) => onSet('parallelism.pipelineLayout', x === '' ? undefined : x)}
          />
          <SelectField<string>
            path="assumptions.elementwiseKernels" label="Norm / rotary / SwiGLU kernels" value={v('assumptions.elementwiseKernels') as string | undefined} errors={E['assumptions.elementwiseKernels']}
            options={[{ value: '', label: `default (${stackDefaults.elementwiseKernels ?? 'fused'})` }, { value: 'fused', label: 'fused (TE, torch.compile)' }, { value: 'eager', label: 'eager PyTorch' }]}
            onChange={(x) => onSet('assumptions.elementwiseKernels', x)}
          />
          <SelectField<string>
            path="assumptions.selectiveRecompute" label="Selective recompute means" value={v('assumptions.selectiveRecompute') as string | undefined} errors={E['assumptions.selectiveRecompute']}
            options={[{ value: '', label: `default (${stackDefaults.selectiveRecompute === 'every-other-matmul' ? 'every other matmul' : 'core attention'})` }, { value: 'core-attention', label: 'core attention + norms (Megatron)' }, { value: 'every-other-matmul', label: 'every other matmul (torchtitan op SAC)' }]}
            onChange={(x) => onSet('assumptions.selectiveRecompute', x)}
          />
          <SelectField<string>
            path="assumptions.optimizerKernels" label="AdamW update" value={v('assumptions.optimizerKernels') as string | undefined} errors={E['assumptions.optimizerKernels']}
            options={[{ value: '', label: 'default (fused)' }, { value: 'fused', label: 'fused (Apex / TE FusedAdam)' }, { value: 'unfused', label: 'one kernel per op (Composer, foreach)' }]}
            onChange={(x) => onSet('assumptions.optimizerKernels', x)}
          />
          <SelectField<string>
            path="assumptions.gradientPrecision" label="Gradient buffers / reduction" value={v('assumptions.gradientPrecision') as string | undefined} errors={E['assumptions.gradientPrecision']}
            options={[{ value: '', label: 'default (FP32)' }, { value: 'fp32', label: 'FP32 (Megatron-LM, FSDP2 reduce_dtype fp32)' }, { value: 'bf16', label: 'BF16 (NeMo / Megatron-Bridge performance recipes)' }]}
            hint="Megatron-Core grad_reduce_in_fp32: BF16 halves gradient memory and the bytes of the data-parallel gradient reduction"
            onChange={(x) => onSet('assumptions.gradientPrecision', x)}
          />
          <SelectField<string>
            path="assumptions.optimizerStatePrecision" label="Optimizer state" value={v('assumptions.optimizerStatePrecision') as string | undefined} errors={E['assumptions.optimizerStatePrecision']}
            options={[{ value: '', label: 'default (the precision recipe\'s)' }, { value: 'fp32', label: 'FP32 master weights and moments' }, { value: 'bf16-moments', label: 'BF16 moments (Megatron-Core precision-aware optimizer)' }, { value: 'bf16', label: 'BF16 moments and master weights (NeMo distributed_fused_adam dtype bf16)' }]}
            hint="Adam state bytes per parameter: 12 in FP32, 8 with BF16 moments, 6 all BF16 (DeepSeek-V3 keeps its moments in BF16)"
            onChange={(x) => onSet('assumptions.optimizerStatePrecision', x)}
          />
          <SelectField<string>
            path="assumptions.ppCommOverlap" label="Pipeline sends" value={v('assumptions.ppCommOverlap') as string | undefined} errors={E['assumptions.ppCommOverlap']}
            options={[{ value: '', label: `default (${stackDefaults.ppCommOverlap === 'interleaved' ? 'overlapped when interleaved' : 'blocking'})` }, { value: 'none', label: 'blocking (the sender waits)' }, { value: 'interleaved', label: 'overlapped in the interleaved schedule (Megatron-LM)' }, { value: 'all', label: 'overlapped in every schedule' }]}
            hint="Megatron-LM overlaps pipeline sends with the next chunk in the interleaved schedule by default (overlap_p2p_comm); 1F1B sends block"
            onChange={(x) => onSet('assumptions.ppCommOverlap', x)}
          />
          <SelectField<string>
            path="assumptions.cpComm" label="Context-parallel KV exchange" value={v('assumptions.cpComm') as string | undefined} errors={E['assumptions.cpComm']}
            options={[{ value: '', label: 'default (ring)' }, { value: 'ring', label: 'ring: send/recv steps hidden under attention (Megatron-Core p2p, torchtitan)' }, { value: 'all-gather', label: 'all-gather before attention, exposed (Llama 3, Megatron-Core all_gather)' }]}
            hint="With context parallelism: the ring passes each KV block on while attention runs on the one before; an all-gather fetches all keys and values first"
            onChange={(x) => onSet('assumptions.cpComm', x)}
          />
          <SelectField<string>
            path="assumptions.moeDispatcher" label="MoE token dispatcher" value={v('assumptions.moeDispatcher') as string | undefined} errors={E['assumptions.moeDispatcher']}
            options={[{ value: '', label: 'default (DeepEP)' }, { value: 'deepep', label: 'DeepEP / HybridEP: one copy per node and GPU' }, { value: 'alltoall', label: 'NCCL all-to-all (Megatron-Core alltoall): one row per token and expert' }]}
            hint="DeepSeek-V3's dispatch sends a token once per target node over InfiniBand and forwards it over NVLink; Megatron-Core's alltoall dispatcher sends each of its top-k rows separately"
            onChange={(x) => onSet('assumptions.moeDispatcher', x)}
          />
          <SelectField<string>
            path="assumptions.epA2aOverlap" label="Expert all-to-all overlap" value={v('assumptions.epA2aOverlap') as string | undefined} errors={E['assumptions.epA2aOverlap']}
            options={[{ value: '', label: 'default (none)' }, { value: 'none', label: 'none: each all-to-all waits in its pass' }, { value: 'combined-1f1b', label: 'combined 1F1B (Megatron-Core --overlap-moe-expert-parallel-comm)' }]}
            hint="Megatron-Core can run one micro-batch's forward beside another's backward so each all-to-all hides under the other's compute (interleaved-1f1b or one pipeline stage; DualPipe does this by design)"
            onChange={(x) => onSet('assumptions.epA2aOverlap', x)}
          />
          <SelectField<string>
            path="assumptions.expertMlpKernels" label="Expert MLP kernels" value={v('assumptions.expertMlpKernels') as string | undefined} errors={E['assumptions.expertMlpKernels']}
            options={[{ value: '', label: 'default (separate)' }, { value: 'separate', label: 'separate: GEMM, activation, quantisation, GEMM' }, { value: 'fused', label: 'fused grouped MLP (Transformer Engine, cutedsl_fused_grouped_mlp)' }]}
            hint="Transformer Engine's fused grouped MLP runs the experts' gated activation and the quantisations around it inside the GEMMs (MoE, precision fp8, Blackwell)"
            onChange={(x) => onSet('assumptions.expertMlpKernels', x)}
          />
          <SelectField<string>
            path="assumptions.outputHeadPrecision" label="Output head precision" value={v('assumptions.outputHeadPrecision') as string | undefined} errors={E['assumptions.outputHeadPrecision']}
            options={[{ value: '', label: "default (the recipe's: BF16)" }, { value: 'recipe', label: "the recipe's (BF16)" }, { value: 'fp8', label: 'FP8 (Megatron-Core fp8_output_proj, MXFP8)' }]}
            hint="Megatron-Core can run the LM head under MXFP8 (precision fp8, Blackwell); every recipe keeps it in BF16 otherwise"
            onChange={(x) => onSet('assumptions.outputHeadPrecision', x)}
          />
          {num('assumptions.tpCommOverlap', 'TP comm hidden (0–1)', { optional: true, placeholder: '0' })}
          {num('assumptions.hostUsPerKernel', 'Host µs per kernel launch', { optional: true, placeholder: '47 (eager PyTorch, measured)' })}
          <TextField
            path="assumptions.cudaGraphs" label="CUDA graphs (Megatron-Core --cuda-graph-scope)"
            value={(v('assumptions.cudaGraphs') as string | undefined) ?? ''} errors={E['assumptions.cudaGraphs']}
            placeholder="none · full_iteration · attn,moe_router,moe_preprocess"
            onChange={(x) => onSet('assumptions.cudaGraphs', x === '' ? undefined : x)}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>Price</legend>
        <div className="fields">
          {num('pricing.usdPerGpuHour', 'USD per GPU-hour', {
            optional: true,
            wide: true,
            placeholder: gpu ? `${gpu.usdPerGpuHour} (profile default, ${gpu.priceSnapshotDate})` : 'profile default',
          })}
        </div>
      </fieldset>
    </form>
  );
}

function InlineModelFields({ doc, E, onSet }: { doc: PlanDocument; E: Record<string, FieldError[]>; onSet: Set }) {
  const m = doc.model as ModelArch;
  const v = (path: string) => getAtPath(doc, path);
  const num = (path: string, label: string) => (
    <NumberField key={path} path={path} label={label} value={v(path)} errors={E[path]} onChange={(x) => onSet(path, x)} />
  );
  const att = m.attention;
  return (
    <>
      <TextField path="model.name" label="Architecture name" wide value={String(m.name ?? '')} errors={E['model.name']} onChange={(x) => onSet('model.name', x)} />
      {num('model.layers', 'Layers')}
      {num('model.hiddenSize', 'Hidden size')}
      {num('model.vocabSize', 'Vocabulary')}
      <CheckField path="model.tiedEmbeddings" label="Tied embeddings" value={m.tiedEmbeddings} errors={E['model.tiedEmbeddings']} onChange={(x) => onSet('model.tiedEmbeddings', x)} />
      <SelectField<string>
        path="model.attention.type" label="Attention" value={att?.type} errors={E['model.attention.type']}
        options={[{ value: 'gqa', label: 'GQA / MHA' }, { value: 'mla', label: 'MLA' }]}
        onChange={(x) =>
          onSet('model.attention', x === 'gqa'
            ? { type: 'gqa', heads: att?.heads ?? 32, kvHeads: 8, headDim: 128 }
            : { type: 'mla', heads: att?.heads ?? 128, qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 })
        }
      />
      {num('model.attention.heads', 'Heads')}
      {att?.type === 'gqa' ? (
        <>
          {num('model.attention.kvHeads', 'KV heads')}
          {num('model.attention.headDim', 'Head dim')}
        </>
      ) : (
        <>
          {num('model.attention.qLoraRank', 'Q LoRA rank')}
          {num('model.attention.kvLoraRank', 'KV LoRA rank')}
          {num('model.attention.qkNopeHeadDim', 'QK nope dim')}
          {num('model.attention.qkRopeHeadDim', 'QK rope dim')}
          {num('model.attention.vHeadDim', 'V head dim')}
        </>
      )}
      <SelectField<string>
        path="model.ffn.activation" label="FFN activation" value={m.ffn?.activation} errors={E['model.ffn.activation']}
        options={[{ value: 'swiglu', label: 'SwiGLU' }, { value: 'gelu', label: 'GELU' }]}
        onChange={(x) => onSet('model.ffn.activation', x)}
      />
      {num('model.ffn.intermediateSize', 'FFN width')}
      <SelectField<string>
        path="model.norm" label="Norm" value={m.norm ?? ''} errors={E['model.norm']}
        options={[{ value: '', label: 'default (RMSNorm)' }, { value: 'rmsnorm', label: 'RMSNorm' }, { value: 'layernorm', label: 'LayerNorm' }]}
        onChange={(x) => onSet('model.norm', x || undefined)}
      />
      <SelectField<string>
        path="model.positionEmbedding" label="Positions" value={m.positionEmbedding ?? ''} errors={E['model.positionEmbedding']}
        options={[{ value: '', label: 'default (rotary)' }, { value: 'rotary', label: 'rotary' }, { value: 'alibi', label: 'ALiBi' }, { value: 'learned', label: 'learned' }]}
        onChange={(x) => onSet('model.positionEmbedding', x || undefined)}
      />
      {num('model.mtp.depth', 'MTP depth')}
      <CheckField
        path="model.moe" label="Mixture of experts" value={Boolean(m.moe)} errors={E['model.moe']}
        onChange={(on) => onSet('model.moe', on ? { denseLayers: 1, routedExperts: 8, sharedExperts: 0, expertIntermediateSize: Math.max(1, Math.round((m.ffn?.intermediateSize ?? 4096) / 4)), topK: 2 } : undefined)}
      />
      {m.moe ? (
        <>
          {num('model.moe.denseLayers', 'Dense layers')}
          {num('model.moe.routedExperts', 'Routed experts')}
          {num('model.moe.sharedExperts', 'Shared experts')}
          {num('model.moe.expertIntermediateSize', 'Expert FFN width')}
          {num('model.moe.topK', 'Top-k')}
        </>
      ) : null}
    </>
  );
}
