/**
 * The JSON Schema of a plan document for the OpenAPI document, generated from the engine's own zod schema
 * (one definition of the plan contract: engine/src/plan/schema.ts). The engine checks `model` separately (a preset
 * id or an inline architecture), so it is described here as that union.
 */
import { z } from 'zod';
import { gqaAttentionSchema, inlineModelSchema, mlaAttentionSchema, planDocumentSchema, type Catalog } from '@flopcast/engine';
import { PLAN_DOCUMENT_NOTES } from '../routes/shared.js';

type JsonSchema = Record<string, unknown>;

function toJson(schema: z.ZodType): JsonSchema {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of the plan document, with model presets listed from the catalog. */
export function planDocumentJsonSchema(catalog: Catalog): JsonSchema {
  const plan = toJson(planDocumentSchema());
  const inline = toJson(inlineModelSchema);
  const props = (inline.properties ?? {}) as Record<string, JsonSchema>;
  props.attention = { oneOf: [toJson(gqaAttentionSchema), toJson(mlaAttentionSchema)] };
  inline.properties = props;
  const planProps = (plan.properties ?? {}) as Record<string, JsonSchema>;
  planProps.model = {
    description: 'A catalog model preset id, or an inline architecture',
    oneOf: [{ type: 'string', enum: Object.keys(catalog.models), description: 'model preset id' }, inline],
  };
  plan.properties = planProps;
  plan.description = `A plan document (plan-format.md, version 1). Checked by the engine validator: cross-field rules (divisibility, schedules, catalog ids) answer 422 invalid_plan. ${PLAN_DOCUMENT_NOTES}`;
  return plan;
}
