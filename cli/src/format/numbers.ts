/** Number formatting shared by every output format (JSON keeps raw numbers and never uses these). */

const grouped = (digits: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** 1234567.8 → "1,234,568" */
export function fmtInt(n: number): string {
  return grouped(0).format(n);
}

/** Fixed decimals with grouping: fmtFixed(1234.5, 1) → "1,234.5" */
export function fmtFixed(n: number, digits: number): string {
  return grouped(digits).format(n);
}

/** US dollars without cents: "$1,234,568" (cents for amounts under $100). */
export function fmtUsd(n: number): string {
  const abs = Math.abs(n);
  const s = abs < 100 ? grouped(2).format(abs) : grouped(0).format(abs);
  return `${n < 0 ? '-' : ''}$${s}`;
}

/** Fraction as percent: 0.4123 → "41.2%" */
export function fmtFraction(f: number, digits = 1): string {
  return `${(f * 100).toFixed(digits)}%`;
}

/** Large counts with an SI-like suffix: 6.71e11 → "671.0B", 3.7e13 → "37.0T" */
export function fmtCount(n: number): string {
  const abs = Math.abs(n);
  const units: Array<[number, string]> = [
    [1e15, 'P'],
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [v, u] of units) if (abs >= v) return `${(n / v).toFixed(abs / v >= 100 ? 1 : 2)}${u}`;
  return fmtFixed(n, Number.isInteger(n) ? 0 : 2);
}

/** FLOPs with engineering notation: 2.2e12 → "2.20 TFLOP" */
export function fmtFlops(n: number): string {
  const units: Array<[number, string]> = [
    [1e18, 'EFLOP'],
    [1e15, 'PFLOP'],
    [1e12, 'TFLOP'],
    [1e9, 'GFLOP'],
    [1e6, 'MFLOP'],
  ];
  for (const [v, u] of units) if (Math.abs(n) >= v) return `${(n / v).toFixed(2)} ${u}`;
  return `${fmtInt(n)} FLOP`;
}

/** Seconds in a readable unit: 0.0123 → "12.3 ms", 95 → "95.0 s", 4000 → "1.11 h" */
export function fmtSeconds(s: number): string {
  if (s === 0) return '0 s';
  if (s < 1e-3) return `${(s * 1e6).toFixed(1)} µs`;
  if (s < 1) return `${(s * 1e3).toFixed(1)} ms`;
  if (s < 3600) return `${s.toFixed(s < 10 ? 3 : 1)} s`;
  return `${(s / 3600).toFixed(2)} h`;
}

/** Bytes in binary units: "1.50 GiB" */
export function fmtBytes(b: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = b;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 2)} ${units[i]}`;
}

/** Signed percent change: "+18.0%", "-2.1%", "0.0%", "n/a" for null. */
export function fmtPct(p: number | null, digits = 1): string {
  if (p === null) return 'n/a';
  const r = Number(p.toFixed(digits));
  if (r === 0) return `${(0).toFixed(digits)}%`;
  return `${r > 0 ? '+' : ''}${r.toFixed(digits)}%`;
}

/** Signed value with a formatter for the magnitude: signed(1234, fmtInt) → "+1,234"; no sign when it prints as zero. */
export function signed(n: number, f: (x: number) => string): string {
  const s = f(Math.abs(n));
  if (!/[1-9]/.test(s)) return s;
  return `${n < 0 ? '-' : '+'}${s}`;
}
