/**
 * @flopcast/api — the HTTP API as a runtime-independent Hono app (`createApp`), plus its building blocks.
 * Entry points: node.ts (Node, @hono/node-server) and worker.ts (Cloudflare Workers).
 */
export { createApp, DEFAULT_CORS_ORIGINS, type FlopcastApp } from './app.js';
export type { AppDeps, AppEnv, Principal, RepositorySource } from './types.js';
export type { EngineFacade } from './engine.js';
export { createMemoryRateLimiter, workersRateLimiter, type RateLimiter, type RateDecision, type RateClass } from './middleware/rate-limit.js';
export { createJsonLogger, createMemoryLogger, type Logger, type LogEvent } from './lib/logger.js';
export { PROBLEM_CODES, type Problem, type ProblemCode, type FieldProblem } from './lib/problem.js';
export { MAX_BODY_BYTES } from './middleware/body.js';
