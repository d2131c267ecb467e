/** Plan text → plain object (JSON or YAML). Errors carry line and column. */
import { parseDocument } from 'yaml';
import { PlanParseError } from './errors.js';

function lineCol(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: pos - last };
}

/**
 * Offset of the first JSON syntax error (RFC 8259 grammar), or the text length when the input ends early.
 * Used only after JSON.parse failed, because Node 20's messages carry no position.
 */
function jsonErrorOffset(t: string): number {
  let i = 0;
  const ws = () => {
    while (i < t.length && (t[i] === ' ' || t[i] === '\n' || t[i] === '\r' || t[i] === '\t')) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const lit = (w: string) => {
    if (t.startsWith(w, i)) i += w.length;
    else fail();
  };
  const str = () => {
    i++;
    while (i < t.length && t[i] !== '"') {
      if (t[i] === '\\') i++;
      else if ((t.charCodeAt(i) ?? 0) < 0x20) fail();
      i++;
    }
    if (i >= t.length) fail();
    i++;
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(t.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const c = t[i];
    if (c === '{') {
      i++;
      ws();
      if (t[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (t[i] !== '"') fail();
        str();
        ws();
        if (t[i] !== ':') fail();
        i++;
        value();
        ws();
        if (t[i] === ',') i++;
        else if (t[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (t[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (t[i] === ',') i++;
        else if (t[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') str();
    else if (c === 't') lit('true');
    else if (c === 'f') lit('false');
    else if (c === 'n') lit('null');
    else num();
  };
  try {
    value();
    ws();
    return i < t.length ? i : t.length;
  } catch (pos) {
    return typeof pos === 'number' ? Math.min(pos, t.length) : t.length;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // V8 reports either "... (line L column C)" (Node >= 21) or "... at position N" (Node 20).
    const lc = /line (\d+) column (\d+)/.exec(msg);
    if (lc) throw new PlanParseError(msg, 'json', Number(lc[1]), Number(lc[2]));
    const pos = /position (\d+)/.exec(msg);
    if (pos) {
      const { line, column } = lineCol(text, Number(pos[1]));
      throw new PlanParseError(msg, 'json', line, column);
    }
    const { line, column } = lineCol(text, jsonErrorOffset(text));
    throw new PlanParseError(msg.split('\n')[0] ?? msg, 'json', line, column);
  }
}

function parseYaml(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const lp = err.linePos?.[0] ?? lineCol(text, err.pos[0]);
    const line = 'line' in lp ? lp.line : undefined;
    const column = 'col' in lp ? lp.col : 'column' in lp ? lp.column : undefined;
    throw new PlanParseError(err.message.split('\n')[0] ?? err.message, 'yaml', line, column);
  }
  return doc.toJS({ maxAliasCount: 100 });
}

/**
 * Parse plan text. Without `format`, text whose first non-blank character is `{` is JSON, anything else YAML.
 * Throws `PlanParseError` (message says line and column). Returns the plain value (validate it with `validatePlan`).
 */
export function parsePlanText(text: string, format?: 'json' | 'yaml'): unknown {
  const fmt = format ?? (/^\s*\{/.test(text) ? 'json' : 'yaml');
  if (text.trim() === '') throw new PlanParseError('the plan is empty', fmt, 1, 1);
  return fmt === 'json' ? parseJson(text) : parseYaml(text);
}
