/**
 * `parallelism.pipelineLayout`: an explicit split of the model over pipeline chunks in Megatron-Core's
 * `--pipeline-model-parallel-layout` notation (megatron/core/transformer/pipeline_parallel_layer_layout.py): one
 * character per module — `E` the input embedding, `t` a transformer (decoder) layer, `m` an MTP module, `L` the output
 * head and loss — `|` between model chunks, `x*n` and `(…)*n` for repeats, commas ignored. Chunks are listed in model
 * order (chunk c runs on pipeline rank c mod PP, virtual stage ⌊c / PP⌋ for the interleaved schedule). Megatron-Bridge's
 * DeepSeek-V3 recipes set one for every layout they run, e.g. PP4 × VP4: "Et*4|(t*4|)*14tmL" — the embedding with four
 * layers, fourteen chunks of four, and one layer with the MTP module and the loss (src/megatron/bridge/recipes/deepseek/
 * deepseek_v3.py `set_deepseek_v3_pipeline_model_parallel_layout`).
 *
 * The engine places the embedding on the first chunk and the head, loss and MTP modules on the last, so a layout must
 * too (Megatron-Core also allows the MTP modules on another rank's last stage, which is not modelled).
 */

export type LayoutModule = 'E' | 't' | 'm' | 'L';

/** Longest layout string accepted, and most modules it may expand to (guards against `(t*1000)*1000`). */
export const MAX_LAYOUT_CHARS = 4096;
const MAX_MODULES = 100_000;

export type ParsedLayout = { ok: true; chunks: LayoutModule[][] } | { ok: false; message: string };

/** Parses a layout string into its chunks (syntax only; `checkPipelineLayout` checks it against a plan). */
export function parsePipelineLayout(text: string): ParsedLayout {
  if (text.length > MAX_LAYOUT_CHARS) return { ok: false, message: `is ${text.length} characters long; at most ${MAX_LAYOUT_CHARS}` };
  let s = text.replace(/[,\s]/g, '');
  if (s.length === 0) return { ok: false, message: 'is empty; write one chunk per pipeline stage, e.g. "Et*4|(t*4|)*14tmL"' };
  // expand the innermost "(…)*n" groups first, then single-character repeats "x*n"
  const group = /\(([^()]*)\)\*(\d+)/;
  for (let guard = 0; group.test(s); guard++) {
    if (guard > 1000) return { ok: false, message: 'nests its repeats too deeply' };
    let over = false;
    s = s.replace(group, (_, body: string, n: string) => {
      const times = Number(n);
      if (body.length * times > MAX_MODULES * 2) over = true;
      return over ? '' : body.repeat(times);
    });
    if (over) return { ok: false, message: `expands to more than ${MAX_MODULES} modules` };
  }
  if (/[()]/.test(s)) return { ok: false, message: 'has a parenthesis without a matching ")*n" repeat' };
  let over = false;
  s = s.replace(/([^|*\d])\*(\d+)/g, (_, ch: string, n: string) => {
    const times = Number(n);
    if (times > MAX_MODULES) over = true;
    return over ? '' : ch.repeat(times);
  });
  if (over || s.length > MAX_MODULES * 2) return { ok: false, message: `expands to more than ${MAX_MODULES} modules` };
  const chunks: LayoutModule[][] = [];
  for (const part of s.split('|')) {
    const chunk: LayoutModule[] = [];
    for (const ch of part) {
      if (ch !== 'E' && ch !== 't' && ch !== 'm' && ch !== 'L') {
        return { ok: false, message: `has "${ch}" where a module is expected: E (embedding), t (transformer layer), m (MTP module), L (loss), | between chunks, x*n or (…)*n for repeats` };
      }
      chunk.push(ch);
    }
    chunks.push(chunk);
  }
  return { ok: true, chunks };
}

/** What a layout must agree with. */
export interface LayoutTarget {
  /** Model chunks of the schedule (PP, PP × virtualStages, or 2 × PP for DualPipe V). */
  chunks: number;
  layers: number;
  mtpDepth: number;
}

const count = (xs: readonly LayoutModule[], m: LayoutModule) => xs.reduce((n, x) => n + (x === m ? 1 : 0), 0);

/** Why a parsed layout does not fit the plan's model and pipeline, or undefined when it does. */
export function checkPipelineLayout(chunks: readonly LayoutModule[][], t: LayoutTarget): string | undefined {
  if (chunks.length !== t.chunks) return `has ${chunks.length} chunks; the schedule cuts the model into ${t.chunks} (pipeline × virtual stages)`;
  const all = chunks.flat();
  const layers = count(all, 't');
  if (layers !== t.layers) return `places ${layers} transformer layers (t); the model has ${t.layers}`;
  if (count(all, 'E') !== 1 || chunks[0]![0] !== 'E') return 'must start with the embedding (E), once, on the first chunk';
  const last = chunks[chunks.length - 1]!;
  if (count(all, 'L') !== 1 || last[last.length - 1] !== 'L') return 'must end with the loss (L), once, on the last chunk';
  const mtp = count(all, 'm');
  if (mtp !== t.mtpDepth) return `places ${mtp} MTP modules (m); the model has ${t.mtpDepth}`;
  if (count(last, 'm') !== mtp) return 'must put the MTP modules (m) on the last chunk, with the loss (the engine times them with the output head)';
  if (last.lastIndexOf('t') > last.indexOf('m') && mtp > 0) return 'must place the MTP modules (m) after the last transformer layer';
  return undefined;
}

/**
 * Parses `text` and checks it against the plan: the transformer layers per chunk, or why the layout cannot be used
 * (a sentence that follows the field name).
 */
export function pipelineLayoutLayers(text: string, t: LayoutTarget): { ok: true; layers: number[] } | { ok: false; message: string } {
  const parsed = parsePipelineLayout(text);
  if (!parsed.ok) return parsed;
  const why = checkPipelineLayout(parsed.chunks, t);
  return why ? { ok: false, message: why } : { ok: true, layers: layoutLayerCounts(parsed.chunks) };
}

/** Transformer layers per chunk of a layout. */
export function layoutLayerCounts(chunks: readonly LayoutModule[][]): number[] {
  return chunks.map((c) => count(c, 't'));
}
