import { describe, expect, it } from 'vitest';
import { describeCaseReading, parseCaseReadings, readCaseAsSource, ReadingsError } from './calibration.js';

const reading = { case: 'a', assumptions: { framework: 'torchtitan' }, gpu: 'h100-hbm2e-96gb', metric: 'throughput.modelTflopsPerGpuCausal', because: 'the source names its stack and GPU' };

describe('calibration readings', () => {
  it('reads a case as its source ran it: assumptions merged, GPU swapped, metric replaced; the case itself untouched', () => {
    const c = { id: 'a', plan: { cluster: { gpu: 'h100-sxm', gpus: 8 }, assumptions: { goodput: 0.95 } }, expected: { metric: 'throughput.modelTflopsPerGpu', value: 300 } };
    const [r] = parseCaseReadings({ version: 1, readings: [reading] }, ['a', 'b']);
    const read = readCaseAsSource(c, r!);
    expect(read.plan).toEqual({ cluster: { gpu: 'h100-hbm2e-96gb', gpus: 8 }, assumptions: { goodput: 0.95, framework: 'torchtitan' } });
    expect(read.expected).toEqual({ metric: 'throughput.modelTflopsPerGpuCausal', value: 300 });
    expect(c.plan.cluster.gpu).toBe('h100-sxm');
  });

  it('merges a parallelism reading over the plan\'s parallelism and says so in its description', () => {
    const c = { id: 'b', plan: { parallelism: { tensor: 8, pipeline: 16, virtualStages: 2 } }, expected: { metric: 'throughput.modelTflopsPerGpu', value: 380 } };
    const [r] = parseCaseReadings({ version: 1, readings: [{ case: 'b', parallelism: { virtualStages: 8 }, because: 'the source implies one layer per model chunk' }] }, ['b']);
    expect(readCaseAsSource(c, r!).plan).toEqual({ parallelism: { tensor: 8, pipeline: 16, virtualStages: 8 } });
    expect(describeCaseReading(r!)).toBe('virtualStages=8');
    expect(c.plan.parallelism.virtualStages).toBe(2);
  });

  it('names every field at fault: an unknown case, a repeated one, bad types, an unknown key, a reason too short to cite', () => {
    const bad = {
      version: 1,
      readings: [
        { ...reading, case: 'nope' },
        reading,
        { ...reading, assumptions: { framework: 3 } },
        { ...reading, case: 'b', gpu: '', extra: true, because: 'short' },
        { case: 'c', parallelism: { virtualStages: [8] }, because: 'a list is not a parallelism value' },
      ],
    };
    let err: unknown;
    try {
      parseCaseReadings(bad, ['a', 'b', 'c']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReadingsError);
    expect((err as ReadingsError).errors.map((e) => e.path)).toEqual([
      'readings[0].case',
      'readings[2].case',
      'readings[2].assumptions',
      'readings[3].extra',
      'readings[3].gpu',
      'readings[3].because',
      'readings[4].parallelism',
    ]);
    expect(() => parseCaseReadings({ readings: [] })).toThrow(/version: 1/);
  });
});
