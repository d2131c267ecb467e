/** Reading plan (and search-spec) documents from files or stdin and parsing them with the engine's parser. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parsePlanText } from '@flopcast/engine';
import { InputError, UsageError } from './errors.js';
import { readAll, type Io } from './io.js';

/** A document read from disk, stdin or git, parsed but not yet validated. */
export interface PlanDocument {
  /** What the user calls it: the path as given, `<stdin>`, or `ref:path` for git. */
  label: string;
  /** Parsed JSON/YAML value (validated later by the engine or the API). */
  value: unknown;
}

/** Document format from the file extension; undefined lets the engine's parser decide. */
export function formatFromPath(file: string): 'json' | 'yaml' | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return undefined;
}

/** Parses document text; a syntax error becomes an InputError naming the file (line/column from the engine). */
export function parseDocument(label: string, text: string, format: 'json' | 'yaml' | undefined): PlanDocument {
  try {
    return { label, value: parsePlanText(text, format) };
  } catch (err) {
    throw new InputError(`${label}: ${(err as Error).message}`);
  }
}

/** Reads `file` (or stdin for `-`) and parses it. A missing file is a usage error (exit 2). */
export async function readDocument(file: string, io: Io, command: string): Promise<PlanDocument> {
  if (file === '-') return parseDocument('<stdin>', await readAll(io.stdin), undefined);
  let text: string;
  try {
    text = await readFile(path.resolve(io.cwd, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}`, command);
  }
  return parseDocument(file, text, formatFromPath(file));
}
