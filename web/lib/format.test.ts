import { describe, expect, it } from 'vitest';
import {
  fmtCompact, fmtDays, fmtGiB, fmtNumber, fmtPct, fmtSeconds, fmtSigned, fmtSignedPct, fmtUsd, parseNumberInput,
} from './format';

describe('fmtNumber', () => {
  it('keeps three significant digits by default', () => {
    expect(fmtNumber(2.66417)).toBe('2.66');
    expect(fmtNumber(123.456)).toBe('123');
    expect(fmtNumber(0.012345)).toBe('0.0123');
  });
  it('shows a dash for non-finite and missing values instead of NaN/Infinity', () => {
    expect(fmtNumber(Number.NaN)).toBe('—');
    expect(fmtNumber(Number.POSITIVE_INFINITY)).toBe('—');
    expect(fmtNumber(undefined)).toBe('—');
  });
  it('uses exponent notation for tiny numbers', () => {
    expect(fmtNumber(1.5e-7)).toBe('1.50e-7');
  });
});

describe('fmtCompact / fmtUsd', () => {
  it('uses k/M/B/T suffixes', () => {
    expect(fmtCompact(2_664_000)).toBe('2.66 M');
    expect(fmtCompact(14.8e12)).toBe('14.8 T');
    expect(fmtCompact(999)).toBe('999');
    expect(fmtCompact(1500)).toBe('1.5 k');
  });
  it('formats dollars with the sign before the symbol', () => {
    expect(fmtUsd(5_328_000)).toBe('$5.33 M');
    expect(fmtUsd(-1200)).toBe('−$1.2 k');
  });
});

describe('unit formatters', () => {
  it('formats percent, GiB, days and seconds', () => {
    expect(fmtPct(0.4321)).toBe('43.2 %');
    expect(fmtGiB(62.345)).toBe('62.3 GiB');
    expect(fmtDays(56.74)).toBe('57 d');
    expect(fmtDays(3.21)).toBe('3.2 d');
    expect(fmtSeconds(12.34)).toBe('12.3 s');
    expect(fmtSeconds(0.0123)).toBe('12.3 ms');
    expect(fmtSeconds(0.0000042)).toBe('4.2 µs');
  });
  it('signs deltas explicitly', () => {
    expect(fmtSigned(1200)).toBe('+1.2 k');
    expect(fmtSigned(-0.5)).toBe('−0.5');
    expect(fmtSignedPct(0.05)).toBe('+5.0 %');
    expect(fmtSignedPct(-0.125)).toBe('−12.5 %');
    expect(fmtSignedPct(Number.NaN)).toBe('—');
  });
});

describe('parseNumberInput', () => {
  it('accepts exponent notation and separators', () => {
    expect(parseNumberInput('14.8e12')).toBe(14.8e12);
    expect(parseNumberInput('15,360')).toBe(15360);
    expect(parseNumberInput(' 2_048 ')).toBe(2048);
    expect(parseNumberInput('-3')).toBe(-3);
  });
  it('rejects text that is not a number', () => {
    expect(parseNumberInput('')).toBeUndefined();
    expect(parseNumberInput('abc')).toBeUndefined();
    expect(parseNumberInput('12x')).toBeUndefined();
    expect(parseNumberInput('1e999')).toBeUndefined();
  });
});
