/** `flopcast presets`: the built-in catalog (GPUs, links, model presets) with key numbers and their sources. */
import { BUILTIN_CATALOG, type Catalog } from '@flopcast/engine';
import { choiceOption, expectPositionals, parseCommandArgs } from '../args.js';
import { EXIT } from '../errors.js';
import { fmtCount, fmtFixed, fmtInt } from '../format/numbers.js';
import { makeStyle } from '../format/style.js';
import { renderMarkdownTable, renderTable, type Align } from '../format/table.js';
import { colourEnabled } from '../io.js';
import { EXIT_HELP, FORMAT_OPTION, type Command } from './command.js';

const NAME = 'presets';
type Kind = 'gpus' | 'links' | 'models';

interface KindTable {
  title: string;
  headers: string[];
  align: Align[];
  rows: string[][];
  sources: Array<{ id: string; sources: Record<string, string> }>;
}

/** Key numbers of every catalog entry of one kind, as table rows. */
function kindTable(catalog: Catalog, kind: Kind): KindTable {
  if (kind === 'gpus') {
    const list = Object.values(catalog.gpus);
    return {
      title: 'GPUs',
      headers: ['id', 'name', 'BF16 TFLOP/s', 'FP8 TFLOP/s', 'HBM GiB', 'HBM GB/s', 'scale-up GB/s', 'TDP W', 'USD/GPU-h', 'node'],
      align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
      rows: list.map((g) => [
        g.id,
        g.name,
        fmtFixed(g.peakTflops.bf16, 0),
        g.peakTflops.fp8 !== undefined ? fmtFixed(g.peakTflops.fp8, 0) : '—',
        fmtFixed(g.memoryGiB, 1),
        fmtInt(g.hbmBandwidthGBs),
        fmtInt(g.scaleUpBandwidthGBs),
        fmtInt(g.tdpWatts),
        `${fmtFixed(g.usdPerGpuHour, 2)} (${g.priceSnapshotDate})`,
        `${g.defaults.gpusPerNode}× ${g.defaults.intraNode} + ${g.defaults.interNode}`,
      ]),
      sources: list.map((g) => ({ id: g.id, sources: g.sources })),
    };
  }
  if (kind === 'links') {
    const list = Object.values(catalog.links);
    return {
      title: 'Links',
      headers: ['id', 'kind', 'name', 'GB/s (one direction)', 'latency µs', 'efficiency', 'max GPUs'],
      align: ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
      rows: list.map((l) => [
        l.id,
        l.kind,
        l.name,
        fmtFixed(l.bandwidthGBs, 1),
        fmtFixed(l.latencyUs, 1),
        fmtFixed(l.efficiency, 2),
        l.maxGpus === 0 ? 'unbounded' : fmtInt(l.maxGpus),
      ]),
      sources: list.map((l) => ({ id: l.id, sources: l.sources })),
    };
  }
  const list = Object.values(catalog.models);
  return {
    title: 'Model presets',
    headers: ['id', 'name', 'layers', 'hidden', 'attention', 'FFN / experts', 'published total', 'published active'],
    align: ['left', 'left', 'right', 'right', 'left', 'left', 'right', 'right'],
    rows: list.map((m) => {
      const a = m.arch.attention;
      const attention = a.type === 'mla' ? `MLA ${a.heads}h kv-rank ${a.kvLoraRank}` : `GQA ${a.heads}h/${a.kvHeads}kv`;
      const ffn = m.arch.moe
        ? `MoE ${m.arch.moe.routedExperts}+${m.arch.moe.sharedExperts} top-${m.arch.moe.topK}`
        : `${m.arch.ffn.activation} ${fmtInt(m.arch.ffn.intermediateSize)}`;
      return [
        m.id,
        m.name,
        String(m.arch.layers),
        fmtInt(m.arch.hiddenSize),
        attention,
        ffn,
        m.published?.totalParams !== undefined ? fmtCount(m.published.totalParams) : '—',
        m.published?.activeParams !== undefined ? fmtCount(m.published.activeParams) : '—',
      ];
    }),
    sources: list.map((m) => ({ id: m.id, sources: m.sources })),
  };
}

export const presetsCommand: Command = {
  name: NAME,
  summary: 'list the built-in GPUs, links and model presets with their sources',
  help: `Usage: flopcast presets [options]

Lists the built-in catalog that plans refer to by id: GPU profiles (dense peaks, HBM, bandwidth, TDP, default
price), intra-node and scale-out links, and model presets, each with the source of its numbers.

Options:
      --kind KIND      gpus, links or models (default: all three)
  -f, --format FORMAT  table (default), json (the catalog entries, {"version":1,...}) or markdown
  -h, --help           show this help

Examples:
  flopcast presets
  flopcast presets --kind gpus
  flopcast presets --kind models --format json | jq '.models[].id'

${EXIT_HELP}
`,
  async run(argv, io) {
    const args = parseCommandArgs(NAME, argv, { ...FORMAT_OPTION, kind: { type: 'string', short: 'k' } });
    expectPositionals(NAME, args, '', 0);
    const format = choiceOption(NAME, args, 'format', ['table', 'json', 'markdown'] as const, 'table');
    const only = args.values.kind === undefined ? undefined : choiceOption(NAME, args, 'kind', ['gpus', 'links', 'models'] as const, 'gpus');
    const kinds: Kind[] = only ? [only] : ['gpus', 'links', 'models'];

    if (format === 'json') {
      const body: Record<string, unknown> = { version: 1 };
      for (const k of kinds) body[k] = Object.values(BUILTIN_CATALOG[k]);
      io.stdout.write(JSON.stringify(body, null, 2) + '\n');
      return EXIT.ok;
    }
    const style = makeStyle(format === 'table' && colourEnabled(io.stdout, io.env));
    const parts: string[] = [];
    for (const k of kinds) {
      const t = kindTable(BUILTIN_CATALOG, k);
      if (format === 'markdown') {
        parts.push(`### ${t.title}\n\n${renderMarkdownTable(t.headers, t.rows, t.align)}\n<details><summary>Sources</summary>\n`);
        for (const s of t.sources) for (const [f, src] of Object.entries(s.sources)) parts.push(`- \`${s.id}\` ${f}: ${src}`);
        parts.push('\n</details>\n\n');
      } else {
        parts.push(`${style.bold(t.title)}\n${renderTable(t.headers, t.rows, t.align, '  ')}\n  ${style.bold('Sources')}\n`);
        for (const s of t.sources) {
          for (const [f, src] of Object.entries(s.sources)) parts.push(`  ${style.cyan(s.id)} ${style.dim(f)}: ${src}\n`);
        }
        parts.push('\n');
      }
    }
    io.stdout.write(parts.join(format === 'markdown' ? '\n' : ''));
    return EXIT.ok;
  },
};
