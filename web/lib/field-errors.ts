/**
 * Places the engine's validation errors (FieldError.path, dotted) on the form inputs that edit those paths.
 */
import type { FieldError } from '@flopcast/engine';

export interface PlacedErrors {
  /** Errors keyed by the input path they belong to. */
  byField: Record<string, FieldError[]>;
  /** Errors no input edits (shown in a summary above the form). */
  unplaced: FieldError[];
}

/** Normalises a JSON-pointer ("/parallelism/tensor") or bracket path ("a[0].b") to dotted form. */
export function normalisePath(path: string): string {
  let p = path.trim();
  if (p.startsWith('/')) p = p.slice(1).split('/').join('.');
  p = p.replace(/\[(\d+)\]/g, '.$1').replace(/^\$\.?/, '');
  return p;
}

/**
 * Chooses the input for each error: the input with exactly that path; else the closest enclosing input
 * (error "model.attention.heads" → input "model" when only the model picker is shown); else, for an error on a
 * group ("parallelism"), the first input inside it. Anything else is unplaced.
 */
export function placeErrors(errors: readonly FieldError[], fieldPaths: readonly string[]): PlacedErrors {
  const byField: Record<string, FieldError[]> = {};
  const unplaced: FieldError[] = [];
  const add = (field: string, e: FieldError) => {
    (byField[field] ??= []).push(e);
  };
  for (const e of errors) {
    const path = normalisePath(e.path);
    if (fieldPaths.includes(path)) {
      add(path, e);
      continue;
    }
    const parts = path.split('.');
    let placed = false;
    for (let n = parts.length - 1; n > 0 && !placed; n--) {
      const prefix = parts.slice(0, n).join('.');
      if (fieldPaths.includes(prefix)) {
        add(prefix, e);
        placed = true;
      }
    }
    if (!placed && path !== '') {
      const inside = fieldPaths.find((f) => f.startsWith(`${path}.`));
      if (inside) {
        add(inside, e);
        placed = true;
      }
    }
    if (!placed) unplaced.push(e);
  }
  return { byField, unplaced };
}

/** DOM id of the input editing a plan path (stable, used by labels, aria-describedby and tests). */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}
