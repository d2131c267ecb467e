/**
 * Built-in model presets (plan-format.md "Catalog ids every install must have").
 * Architectures from the models' published configs; published parameter counts for the tests.
 */
import type { ModelPreset } from './types.js';

const V3_CFG = 'deepseek-ai/DeepSeek-V3 @9b4e978 inference/configs/config_671B.json; DeepSeek-V3 arXiv 2412.19437 §4.2';
const V2_CFG = 'deepseek-ai/DeepSeek-V3 @9b4e978 inference/configs/config_236B.json; DeepSeek-V2 arXiv 2405.04434 §3.1.2';

const DATA: ModelPreset[] = [
  {
    id: 'deepseek-v3',
    name: 'DeepSeek-V3 671B',
    arch: {
      name: 'deepseek-v3',
      layers: 61,
      hiddenSize: 7168,
      vocabSize: 129280,
      tiedEmbeddings: false,
      attention: { type: 'mla', heads: 128, qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 },
      ffn: { activation: 'swiglu', intermediateSize: 18432 },
      moe: { denseLayers: 3, routedExperts: 256, sharedExperts: 1, expertIntermediateSize: 2048, topK: 8 },
      mtp: { depth: 1 },
    },
    published: { totalParams: 671e9, activeParams: 37e9 },
    sources: {
      arch: V3_CFG,
      'published.totalParams': 'DeepSeek-V3 abstract, §4.2: 671B total',
      'published.activeParams': 'DeepSeek-V3 abstract, §4.2: 37B activated; README_WEIGHTS.md: 36.7B main-model activated, MTP 11.5B unique',
    },
  },
  {
    id: 'deepseek-v2',
    name: 'DeepSeek-V2 236B',
    arch: {
      name: 'deepseek-v2',
      layers: 60,
      hiddenSize: 5120,
      vocabSize: 102400,
      tiedEmbeddings: false,
      attention: { type: 'mla', heads: 128, qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 },
      ffn: { activation: 'swiglu', intermediateSize: 12288 },
      moe: { denseLayers: 1, routedExperts: 160, sharedExperts: 2, expertIntermediateSize: 1536, topK: 6 },
      mtp: { depth: 0 },
    },
    published: { totalParams: 236e9, activeParams: 21e9 },
    sources: { arch: V2_CFG, published: 'DeepSeek-V2 arXiv 2405.04434 §3.1.2: 236B total, 21B activated' },
  },
  {
    id: 'deepseek-v2-lite',
    name: 'DeepSeek-V2-Lite 15.7B',
    arch: {
      name: 'deepseek-v2-lite',
      layers: 27,
      hiddenSize: 2048,
      vocabSize: 102400,
      tiedEmbeddings: false,
      attention: { type: 'mla', heads: 16, qLoraRank: 0, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 },
      ffn: { activation: 'swiglu', intermediateSize: 10944 },
      moe: { denseLayers: 1, routedExperts: 64, sharedExperts: 2, expertIntermediateSize: 1408, topK: 6 },
      mtp: { depth: 0 },
    },
    published: { totalParams: 15.7e9, activeParams: 2.4e9 },
    sources: {
      arch: 'deepseek-ai/DeepSeek-V3 inference/configs/config_16B.json; DeepSeek-V2 arXiv 2405.04434 App. B.1',
      published: 'DeepSeek-V2 App. B.1: 15.7B total, 2.4B activated',
    },
  },
  {
    id: 'llama3-8b',
    name: 'Llama 3 8B',
    arch: {
      name: 'llama3-8b',
      layers: 32,
      hiddenSize: 4096,
      vocabSize: 128256,
      tiedEmbeddings: false,
      attention: { type: 'gqa', heads: 32, kvHeads: 8, headDim: 128 },
      ffn: { activation: 'swiglu', intermediateSize: 14336 },
      mtp: { depth: 0 },
    },
    published: { totalParams: 8.03e9 },
    sources: {
      arch: 'meta-llama/Meta-Llama-3-8B config.json; Llama 3 arXiv 2407.21783 Table 3',
      published: 'meta-llama/Meta-Llama-3-8B model card: 8.03B parameters (safetensors metadata)',
    },
  },
  {
    id: 'llama3-70b',
    name: 'Llama 3 70B',
    arch: {
      name: 'llama3-70b',
      layers: 80,
      hiddenSize: 8192,
      vocabSize: 128256,
      tiedEmbeddings: false,
      attention: { type: 'gqa', heads: 64, kvHeads: 8, headDim: 128 },
      ffn: { activation: 'swiglu', intermediateSize: 28672 },
      mtp: { depth: 0 },
    },
    published: { totalParams: 70.6e9 },
    sources: {
      arch: 'meta-llama/Meta-Llama-3-70B config.json; Llama 3 arXiv 2407.21783 Table 3',
      published: 'meta-llama/Meta-Llama-3-70B model card: 70.6B parameters (safetensors metadata)',
    },
  },
  {
    id: 'llama3-405b',
    name: 'Llama 3 405B',
    arch: {
      name: 'llama3-405b',
      layers: 126,
      hiddenSize: 16384,
      vocabSize: 128256,
      tiedEmbeddings: false,
      attention: { type: 'gqa', heads: 128, kvHeads: 8, headDim: 128 },
      ffn: { activation: 'swiglu', intermediateSize: 53248 },
      mtp: { depth: 0 },
    },
    published: { totalParams: 405e9 },
    sources: {
      arch: 'Llama 3 arXiv 2407.21783 Table 3 (126 layers, 16384, FFN 53248, 128 heads, 8 KV heads, vocab 128,000 + 256 special)',
      published: 'Llama 3 arXiv 2407.21783 §3: 405B parameters',
    },
  },
  {
    id: 'mixtral-8x7b',
    name: 'Mixtral 8x7B',
    arch: {
      name: 'mixtral-8x7b',
      layers: 32,
      hiddenSize: 4096,
      vocabSize: 32000,
      tiedEmbeddings: false,
      attention: { type: 'gqa', heads: 32, kvHeads: 8, headDim: 128 },
      ffn: { activation: 'swiglu', intermediateSize: 14336 },
      moe: { denseLayers: 0, routedExperts: 8, sharedExperts: 0, expertIntermediateSize: 14336, topK: 2 },
      mtp: { depth: 0 },
    },
    published: { totalParams: 46.7e9, activeParams: 12.9e9 },
    sources: {
      arch: 'mistralai/Mixtral-8x7B-v0.1 config.json; Jiang et al. arXiv 2401.04088 Table 1',
      published: 'Mixtral of Experts arXiv 2401.04088 §2: 47B total (46.7B per mistral.ai announcement), 13B active (12.9B per announcement)',
    },
  },
  {
    id: 'mixtral-8x22b',
    name: 'Mixtral 8x22B',
    arch: {
      name: 'mixtral-8x22b',
      layers: 56,
      hiddenSize: 6144,
      vocabSize: 32768,
      tiedEmbeddings: false,
      attention: { type: 'gqa', heads: 48, kvHeads: 8, headDim: 128 },
      ffn: { activation: 'swiglu', intermediateSize: 16384 },
      moe: { denseLayers: 0, routedExperts: 8, sharedExperts: 0, expertIntermediateSize: 16384, topK: 2 },
      mtp: { depth: 0 },
    },
    published: { totalParams: 141e9, activeParams: 39e9 },
    sources: {
      arch: 'mistralai/Mixtral-8x22B-v0.1 config.json',
      published: 'mistral.ai "Cheaper, Better, Faster, Stronger" (Apr 2024): 39B active of 141B',
    },
  },
  {
    id: 'qwen3-235b-a22b',
    name: 'Qwen3-235B-A22B',
    arch: {
      name: 'qwen3-235b-a22b',
      layers: 94,
      hiddenSize: 4096,
      vocabSize: 151936,
      tiedEmbeddings: false,
      attention: { type: 'gqa', heads: 64, kvHeads: 4, headDim: 128 },
      ffn: { activation: 'swiglu', intermediateSize: 12288 },
      moe: { denseLayers: 0, routedExperts: 128, sharedExperts: 0, expertIntermediateSize: 1536, topK: 8 },
      mtp: { depth: 0 },
    },
    published: { totalParams: 235e9, activeParams: 22e9 },
    sources: {
      arch: 'Qwen/Qwen3-235B-A22B config.json (also ../shared/calibration/mcore-qwen3-235b-*.plan.json)',
      published: 'Qwen3 technical report arXiv 2505.09388 Table 2: 235B total, 22B activated',
    },
  },
  {
    id: 'gpt3-175b',
    name: 'GPT-3 175B',
    arch: {
      name: 'gpt3-175b',
      layers: 96,
      hiddenSize: 12288,
      vocabSize: 50257,
      tiedEmbeddings: true,
      attention: { type: 'gqa', heads: 96, kvHeads: 96, headDim: 128 },
      ffn: { activation: 'gelu', intermediateSize: 49152 },
      norm: 'layernorm',
      positionEmbedding: 'learned',
      mtp: { depth: 0 },
    },
    published: { totalParams: 175e9 },
    sources: {
      arch: 'Brown et al. 2020 arXiv 2005.14165 Table 2.1 (96 layers, d_model 12288, 96 heads x 128, d_ff = 4 d_model, BPE vocab 50257); §2.1: the GPT-2 architecture (Radford et al. 2019: LayerNorm, learned position embeddings)',
      published: 'Brown et al. 2020 Table 2.1: 175.0B',
    },
  },
];

/** Built-in model presets by id. */
export const BUILTIN_MODELS: Record<string, ModelPreset> = Object.fromEntries(DATA.map((m) => [m.id, m]));
