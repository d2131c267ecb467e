/** `flopcast presets` through the real binary, against the engine's built-in catalog. */
import { BUILTIN_CATALOG } from '@flopcast/engine';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

// Catalog ids every install must have (plan-format.md).
const GPUS = ['a100-sxm-40gb', 'a100-sxm-80gb', 'h100-sxm', 'h800-sxm', 'h200-sxm', 'b200', 'gb200', 'b300', 'gb300', 'mi300x', 'mi325x'];
const LINKS = ['nvswitch-a100', 'nvswitch-h100', 'nvswitch-h800', 'nvswitch-b200', 'nvl72-gb200', 'xgmi-mi300', 'ib-hdr', 'ib-ndr', 'ib-xdr', 'roce-400'];
const MODELS = ['deepseek-v3', 'deepseek-v2', 'deepseek-v2-lite', 'llama3-8b', 'llama3-70b', 'llama3-405b', 'mixtral-8x7b', 'mixtral-8x22b', 'qwen3-235b-a22b', 'gpt3-175b'];

describe('flopcast presets', () => {
  it('lists every required GPU, link and model id with its sources in the table', async () => {
    const r = await runCli(['presets']);
    expect(r.code).toBe(0);
    for (const id of [...GPUS, ...LINKS, ...MODELS]) expect(r.stdout).toMatch(new RegExp(`^  ${id.replace(/\./g, '\\.')}\\s`, 'm'));
    // every source citation of the H100 profile is printed
    for (const src of Object.values(BUILTIN_CATALOG.gpus['h100-sxm']!.sources)) expect(r.stdout).toContain(src);
  });

  it('shows key numbers straight from the catalog', async () => {
    const r = await runCli(['presets', '--kind', 'gpus']);
    const h100 = BUILTIN_CATALOG.gpus['h100-sxm']!;
    const row = r.stdout.split('\n').find((l) => l.startsWith('  h100-sxm '))!;
    expect(row).toContain(h100.peakTflops.bf16.toFixed(0));
    expect(row).toContain(h100.memoryGiB.toFixed(1));
    expect(r.stdout).not.toContain('Model presets');
  });

  it('prints the catalog entries as versioned JSON', async () => {
    const r = await runCli(['presets', '--kind', 'models', '--format', 'json']);
    const body = JSON.parse(r.stdout);
    expect(body.version).toBe(1);
    expect(body.models.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(MODELS));
    expect(body.gpus).toBeUndefined();
  });

  it('prints markdown tables with sources in collapsible blocks', async () => {
    const r = await runCli(['presets', '--kind', 'links', '--format', 'markdown']);
    expect(r.stdout).toContain('### Links');
    expect(r.stdout).toContain('| id | kind | name |');
    expect(r.stdout).toContain('<details><summary>Sources</summary>');
  });

  it('rejects an unknown kind with exit 2', async () => {
    const r = await runCli(['presets', '--kind', 'tpus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--kind must be one of gpus, links, models');
  });
});
