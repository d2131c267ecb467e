/**
 * The engine functions the API calls, injectable through `createApp({ engine })` (defaults: `@flopcast/engine`).
 * Handlers never compute estimates themselves.
 */
import {
  BUILTIN_CATALOG,
  ENGINE_VERSION,
  estimate,
  estimateResolved,
  parseSearchSpec,
  planAdvice,
  search,
  validatePlan,
  type Catalog,
} from '@flopcast/engine';

export interface EngineFacade {
  /** Built-in catalog (GPU, link, model presets). */
  catalog: Catalog;
  version: string;
  validatePlan: typeof validatePlan;
  estimate: typeof estimate;
  estimateResolved: typeof estimateResolved;
  /**
   * Advice that needs more estimates (a recomputation setting that fits a plan that does not; deeper interleaving for
   * a large pipeline bubble), as `estimate()` adds it.
   */
  planAdvice: typeof planAdvice;
  parseSearchSpec: typeof parseSearchSpec;
  search: typeof search;
}

export const defaultEngine: EngineFacade = {
  catalog: BUILTIN_CATALOG,
  version: ENGINE_VERSION,
  validatePlan,
  estimate,
  estimateResolved,
  planAdvice,
  parseSearchSpec,
  search,
};
