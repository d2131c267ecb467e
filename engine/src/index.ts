/**
 * @flopcast/engine — public API. Pure TypeScript: no I/O, no clock, no environment.
 * Runs unchanged in Node, Cloudflare Workers and the browser.
 */
export * from './catalog/types.js';
export * from './plan/types.js';
export * from './plan/assumptions.js';
export * from './precision/types.js';
export * from './report/types.js';
