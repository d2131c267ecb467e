import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../catalog/index.js';
import type { ModelArch } from '../catalog/types.js';
import { checkParallel } from '../plan/check.js';
import type { FieldError } from '../plan/errors.js';
import type { Schedule } from '../plan/types.js';
import { buildOrders } from '../pipeline/orders.js';
import type { Warning } from '../report/types.js';
import { contextOk, expertData, expertOk, microBatchesOk, ruleModel, scheduleShapeOk, tensorOk } from './rules.js';

const SCHEDULES: Schedule[] = ['gpipe', '1f1b', 'interleaved-1f1b', 'zb1p', 'dualpipe', 'dualpipev'];

function arch(id: string): ModelArch {
  const p = BUILTIN_CATALOG.models[id];
  if (!p) throw new Error(`no preset ${id}`);
  return p.arch;
}

/** The search's predicates combined, as the search applies them. */
function searchAccepts(m: ModelArch, c: Record<string, number | boolean | string>): boolean {
  const seq = c.seq as number;
  const r = ruleModel(m, seq);
  const tp = c.tp as number, pp = c.pp as number, cp = c.cp as number, ep = c.ep as number, etp = c.etp as number;
  const gpus = c.gpus as number, gbs = c.gbs as number, mbs = c.mbs as number, vs = c.vs as number;
  const schedule = c.schedule as Schedule;
  if (!tensorOk(r, tp, c.sp as boolean) || !contextOk(r, cp) || !expertOk(r, ep, etp)) return false;
  if (gpus % (tp * pp * cp) !== 0) return false;
  const data = gpus / (tp * pp * cp);
  if (expertData(data, cp, tp, ep, etp) === 0) return false;
  if (!scheduleShapeOk(r, schedule, pp, vs)) return false;
  if (gbs % (data * mbs) !== 0) return false;
  return microBatchesOk(schedule, pp, gbs / (data * mbs));
}

function validatorAccepts(m: ModelArch, c: Record<string, number | boolean | string>): boolean {
  const errors: FieldError[] = [];
  const warnings: Warning[] = [];
  const gpu = BUILTIN_CATALOG.gpus['h100-sxm']!;
  checkParallel(
    {
      model: m,
      gpu,
      gpus: c.gpus as number,
      gpusPerNode: 8,
      tensor: c.tp as number,
      pipeline: c.pp as number,
      virtualStages: c.vs as number,
      context: c.cp as number,
      expert: c.ep as number,
      expertTensor: c.etp as number,
      sequenceParallel: c.sp as boolean,
      schedule: c.schedule as Schedule,
      precision: 'bf16',
      globalBatchSize: c.gbs as number,
      microBatchSize: c.mbs as number,
      sequenceLength: c.seq as number,
      tokens: 1e12,
    },
    errors,
    warnings,
  );
  return errors.length === 0;
}

/** Whether the engine's schedule builder accepts the micro-batch count (it is stricter than the validator for dualpipev). */
function ordersAccept(c: Record<string, number | boolean | string>): boolean {
  const data = (c.gpus as number) / ((c.tp as number) * (c.pp as number) * (c.cp as number));
  try {
    buildOrders({ schedule: c.schedule as Schedule, ranks: c.pp as number, microBatches: (c.gbs as number) / (data * (c.mbs as number)), virtualStages: c.vs as number });
    return true;
  } catch {
    return false;
  }
}

describe('search divisibility rules agree with the plan validator and the schedule builder', () => {
  for (const id of ['deepseek-v2-lite', 'llama3-8b', 'mixtral-8x7b']) {
    it(`accepts exactly what checkParallel and buildOrders both accept (${id})`, () => {
      const m = arch(id);
      let accepted = 0;
      let total = 0;
      for (const gpus of [6, 8, 24, 32, 48])
        for (const tp of [1, 2, 3, 4, 8])
          for (const pp of [1, 2, 3, 4, 16])
            for (const cp of [1, 2, 3])
              for (const ep of [1, 2, 4, 8, 64])
                for (const etp of [1, 2])
                  for (const schedule of SCHEDULES)
                    for (const vs of schedule === 'interleaved-1f1b' ? [1, 2, 4] : schedule.startsWith('dual') ? [2] : [1, 2])
                      for (const gbs of [24, 64, 96])
                        for (const mbs of [1, 2])
                          for (const sp of [false, true])
                            for (const seq of [4096, 1000]) {
                              const c = { gpus, tp, pp, cp, ep, etp, schedule, vs, gbs, mbs, sp, seq };
                              const mine = searchAccepts(m, c);
                              const theirs = validatorAccepts(m, c) && ordersAccept(c);
                              if (mine !== theirs) throw new Error(`disagree on ${JSON.stringify(c)}: search ${mine}, validator ${theirs}`);
                              total++;
                              if (mine) accepted++;
                            }
      // The space must exercise both outcomes.
      expect(accepted).toBeGreaterThan(100);
      expect(total - accepted).toBeGreaterThan(100);
    });
  }
});
