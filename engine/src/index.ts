/**
 * @flopcast/engine — public API. Pure TypeScript: no I/O, no clock, no environment.
 * Runs unchanged in Node, Cloudflare Workers and the browser.
 */
export * from './catalog/types.js';
export * from './plan/types.js';
export * from './plan/assumptions.js';
export { RECOMPUTE_MODULES, recomputeModuleMismatch, recomputeScope, type RecomputeModule, type RecomputeScope } from './plan/recompute.js';
export * from './precision/types.js';
export * from './report/types.js';
export type { BatchRampDetail } from './step/run.js';
export type { RampStage } from './step/ramp.js';
export { BUILTIN_CATALOG, BUILTIN_GPUS, BUILTIN_LINKS, BUILTIN_MODELS, lookupId, measuredAttentionKernels } from './catalog/index.js';
export { parsePlanText } from './plan/parse.js';
export { validatePlan, type ValidateResult } from './plan/validate.js';
export { checkResolvedPlan } from './plan/check.js';
export { PlanValidationError, PlanParseError, formatFieldError, type FieldError } from './plan/errors.js';
export { RECIPES } from './precision/recipes.js';
export { countParams, type ParamCounts, type ParamsByComponent, type LayerParams } from './model/params.js';
export { flopsPerToken, type ModelFlops, type FlopsByComponent } from './model/flops.js';
export { getMetric } from './util/get-metric.js';
export { singleLayerPlan, singleLayerCost, type SingleLayerSpec, type SingleLayerCost } from './util/layer-cost.js';
export { memoryReport, memoryWarnings, type MemoryOptions } from './memory/report.js';
export { inFlightMicroBatches } from './memory/schedule.js';
export { layerActivationBytes, type ActivationContext } from './memory/activations.js';
export { chunkCounts, chunkLayers, chunkFirstLayer, describeSplit, layerSplit, rankChunk, rankChunks, splitWeights } from './memory/layout.js';
export type { LayerSplit, LayerSplitMode, SplitWeights } from './memory/layout.js';
export { estimate, estimateResolved, expertAdvice, memoryAdvice, pipelineAdvice, planAdvice, ENGINE_VERSION, type EstimateOptions } from './estimate.js';
export { deeperInterleavingAdvice, interleavingCandidates, BUBBLE_ADVICE_THRESHOLD, type InterleavingInput } from './pipeline/advice.js';
export { runCalibration, parseCaseReadings, readCaseAsSource, describeCaseReading, ReadingsError, type CalibrationCase, type CalibrationRow, type CalibrationResult, type CaseReading } from './calibration.js';
export { stackSensitivity, stackVariants, summarizeStacks, reportStack, type StackSensitivity, type StackRow } from './stack-sensitivity.js';
// Time model (issue 3): estimate, calibration, pipeline simulation, MoE balance.
export { runPipeline, buildOrders, simulate, tableTwoBubble, tableTwoActivations, ScheduleError, type PipelineRun, type StageDurations, type SimulationResult } from './pipeline/index.js';
export { moeBalance, simulateBiasBalancing, type BalanceReport, type BiasSimulationOptions, type BiasSimulationResult } from './moe/balance.js';
export { search, searchExhaustive, searchPartition, mergeSearchResults, type SearchPartResult, type PartEntry } from './search/search.js';
export { parseSearchSpec, SearchSpecError } from './search/spec.js';
export * from './search/types.js';
// Plan document zod schemas (the API's OpenAPI document describes request plans with them).
export { planDocumentSchema, inlineModelSchema, gqaAttentionSchema, mlaAttentionSchema } from './plan/schema.js';
