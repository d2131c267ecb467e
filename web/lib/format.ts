/**
 * Number formatting for the dashboard. Every formatter returns "—" for a value that is
 * missing or not finite, so a bad number is never shown as "NaN" or "Infinity".
 */

const DASH = '—';

function finite(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** Significant-digit formatting without exponent notation for ordinary magnitudes. */
export function fmtNumber(n: number | null | undefined, digits = 3): string {
  if (!finite(n)) return DASH;
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e21) {
    const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
    return n.toLocaleString('en-US', { maximumFractionDigits: Math.min(decimals, 6), minimumFractionDigits: 0 });
  }
  return n.toExponential(digits - 1);
}

const SUFFIXES: Array<[number, string]> = [
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** 2_664_000 → "2.66 M"; 999 → "999"; 14.8e12 → "14.8 T". */
export function fmtCompact(n: number | null | undefined, digits = 3): string {
  if (!finite(n)) return DASH;
  const abs = Math.abs(n);
  for (const [scale, suffix] of SUFFIXES) {
    if (abs >= scale) return `${fmtNumber(n / scale, digits)} ${suffix}`;
  }
  return fmtNumber(n, digits);
}

/** US dollars, compact: 5_328_000 → "$5.33 M". */
export function fmtUsd(n: number | null | undefined): string {
  if (!finite(n)) return DASH;
  const sign = n < 0 ? '−' : '';
  return `${sign}$${fmtCompact(Math.abs(n))}`;
}

/** A fraction 0..1 as a percentage: 0.4321 → "43.2 %". */
export function fmtPct(fraction: number | null | undefined, digits = 1): string {
  if (!finite(fraction)) return DASH;
  return `${(fraction * 100).toFixed(digits)} %`;
}

/** GiB with one decimal: "62.3 GiB". */
export function fmtGiB(n: number | null | undefined): string {
  if (!finite(n)) return DASH;
  return `${n.toFixed(1)} GiB`;
}

/** Days: under 10 with one decimal, otherwise whole days. */
export function fmtDays(n: number | null | undefined): string {
  if (!finite(n)) return DASH;
  return n < 10 ? `${n.toFixed(1)} d` : `${Math.round(n).toLocaleString('en-US')} d`;
}

/** Seconds, switching to ms / µs for short durations: 0.0123 → "12.3 ms". */
export function fmtSeconds(n: number | null | undefined): string {
  if (!finite(n)) return DASH;
  const abs = Math.abs(n);
  if (abs === 0) return '0 s';
  if (abs < 1e-3) return `${fmtNumber(n * 1e6)} µs`;
  if (abs < 1) return `${fmtNumber(n * 1e3)} ms`;
  return `${fmtNumber(n)} s`;
}

/** A signed value with an explicit "+" (deltas): 1200 → "+1.2 k", -0.5 → "−0.5". */
export function fmtSigned(n: number | null | undefined, format: (v: number) => string = (v) => fmtCompact(v)): string {
  if (!finite(n)) return DASH;
  if (n === 0) return format(0);
  const body = format(Math.abs(n));
  return `${n > 0 ? '+' : '−'}${body}`;
}

/** A signed relative change: 0.05 → "+5.0 %". */
export function fmtSignedPct(fraction: number | null | undefined, digits = 1): string {
  if (!finite(fraction)) return DASH;
  if (fraction === 0) return `0.0 %`;
  return `${fraction > 0 ? '+' : '−'}${(Math.abs(fraction) * 100).toFixed(digits)} %`;
}

/**
 * Parses what a user typed into a numeric field: plain or exponent notation ("14.8e12"),
 * with optional thousands separators or underscores. Returns undefined when it is not a finite number.
 */
export function parseNumberInput(text: string): number | undefined {
  const cleaned = text.trim().replace(/[_,\s]/g, '');
  if (cleaned === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return undefined;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : undefined;
}
