/** A minimal, internally consistent Report for data-shaping tests (the shaping code reads only these fields). */
import type { Report } from '@flopcast/engine';

export function fixtureReport(over: {
  compute?: number; exposed?: number; bubble?: number; optimizer?: number;
  comm?: Report['communication']; gpuHours?: number; days?: number; cost?: number; peak?: number; mfu?: number;
  extra?: Record<string, number>;
} = {}): Report {
  const compute = over.compute ?? 10;
  const exposed = over.exposed ?? 2;
  const bubble = over.bubble ?? 1;
  const optimizer = over.optimizer ?? 0.5;
  const extra = over.extra ?? {};
  const seconds = compute + exposed + bubble + optimizer + Object.values(extra).reduce((s, x) => s + x, 0);
  return {
    version: 1,
    engineVersion: 'test',
    plan: { name: 'fixture' },
    model: {
      name: 'm', totalParams: 1e9, activeParams: 1e9, mtpParams: 0, paramsByComponent: {},
      flopsPerToken: { forward: 2e9, training: 6e9, hardware: 8e9, trainingCausal: 5.5e9, byComponent: {} },
    },
    step: { seconds, breakdown: { compute, exposedCommunication: exposed, bubble, optimizer, ...extra }, tokens: 1e6 },
    throughput: { tokensPerSecond: 1e6 / seconds, tokensPerGpuSecond: 1e3, modelTflopsPerGpu: 300, modelTflopsPerGpuCausal: 275, hardwareTflopsPerGpu: 350, mfu: over.mfu ?? 0.4, mfuBf16: 0.4 },
    memory: {
      capacityGiB: 80, peakGiB: over.peak ?? 60, fits: (over.peak ?? 60) <= 80,
      stages: [
        { stage: 0, layers: 4, paramsGiB: 10, gradientsGiB: 5, optimizerGiB: 20, activationsGiB: 20, otherGiB: 5, totalGiB: 60, inFlightMicroBatches: 4 },
        { stage: 1, layers: 4, paramsGiB: 10, gradientsGiB: 5, optimizerGiB: 20, activationsGiB: 10, otherGiB: 5, totalGiB: 50, inFlightMicroBatches: 2 },
      ],
    },
    pipeline: { schedule: '1f1b', bubbleFraction: bubble / seconds, bubbleSeconds: bubble, inFlight: [4, 2] },
    communication: over.comm ?? [
      { kind: 'tp', bytesPerStep: 1e9, seconds: 2, exposedSeconds: 1 },
      { kind: 'ep-dispatch', bytesPerStep: 1e9, seconds: 3, exposedSeconds: 3 },
      { kind: 'dp', bytesPerStep: 1e9, seconds: 1, exposedSeconds: 0 },
    ],
    totals: { tokens: 1e12, steps: 1e6, gpuHours: over.gpuHours ?? 1000, wallClockDays: over.days ?? 10, costUsd: over.cost ?? 2000, energyMWh: 1 },
    warnings: [],
  };
}
