/** The process surroundings a command runs in (streams, environment, working directory), passed explicitly. */
import type { Readable } from 'node:stream';

export interface Stream {
  write(text: string): void;
  /** True when the stream is an interactive terminal. */
  isTTY: boolean;
  /** Terminal width in columns when a TTY. */
  columns?: number;
}

export interface Io {
  stdout: Stream;
  stderr: Stream;
  stdin: Readable;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The real process's streams. */
export function processIo(): Io {
  return {
    stdout: {
      write: (t) => void process.stdout.write(t),
      isTTY: Boolean(process.stdout.isTTY),
      columns: process.stdout.columns,
    },
    stderr: {
      write: (t) => void process.stderr.write(t),
      isTTY: Boolean(process.stderr.isTTY),
      columns: process.stderr.columns,
    },
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Reads a whole stream as UTF-8. */
export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Colour is used only on a TTY and never when NO_COLOR is set (https://no-color.org). */
export function colourEnabled(stream: Stream, env: Io['env']): boolean {
  return stream.isTTY && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}
