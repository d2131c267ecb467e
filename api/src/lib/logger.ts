/**
 * Structured logging: one JSON object per event. The sink is injectable so tests can assert on events
 * (e.g. that the non-finite serialiser guard never fired).
 */

/** One log event. `msg` names the event; other fields are structured context. */
export interface LogEvent {
  msg: string;
  [field: string]: unknown;
}

export interface Logger {
  info(event: LogEvent): void;
  warn(event: LogEvent): void;
  error(event: LogEvent): void;
}

/** Minimum level written: LOG_LEVEL=debug|info|warn|error|silent. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/** Parses LOG_LEVEL (unset or unknown → info). */
export function logLevelFrom(value: string | undefined): LogLevel {
  const v = (value ?? '').trim().toLowerCase();
  return v in RANK ? (v as LogLevel) : 'info';
}

/** Writes JSON lines to stdout (info) and stderr (warn, error), with an ISO timestamp and level. */
export function createJsonLogger(opts: { clock?: () => Date; level?: LogLevel } = {}): Logger {
  const clock = opts.clock ?? (() => new Date());
  const min = RANK[opts.level ?? 'info'];
  const write = (level: 'info' | 'warn' | 'error', event: LogEvent) => {
    if (RANK[level] < min) return;
    let line: string;
    try {
      line = JSON.stringify({ ts: clock().toISOString(), level, ...event });
    } catch {
      line = JSON.stringify({ ts: clock().toISOString(), level, msg: event.msg, note: 'unserialisable log fields dropped' });
    }
    if (level === 'info') console.log(line);
    else console.error(line);
  };
  return {
    info: (e) => write('info', e),
    warn: (e) => write('warn', e),
    error: (e) => write('error', e),
  };
}

/** A logger that keeps events in memory (tests). */
export function createMemoryLogger(): Logger & { events: Array<LogEvent & { level: string }> } {
  const events: Array<LogEvent & { level: string }> = [];
  return {
    events,
    info: (e) => events.push({ level: 'info', ...e }),
    warn: (e) => events.push({ level: 'warn', ...e }),
    error: (e) => events.push({ level: 'error', ...e }),
  };
}
