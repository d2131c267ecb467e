import { describe, expect, it } from 'vitest';
import { fmtCount, fmtFraction, fmtInt, fmtPct, fmtSeconds, fmtUsd, signed } from './numbers.js';

describe('number formatting', () => {
  it('groups thousands and rounds money to whole dollars above $100', () => {
    expect(fmtInt(2_664_000.4)).toBe('2,664,000');
    expect(fmtUsd(5_328_000.49)).toBe('$5,328,000');
    expect(fmtUsd(12.345)).toBe('$12.35');
    expect(fmtUsd(-1500)).toBe('-$1,500');
  });

  it('signs percent changes and never prints -0.0%', () => {
    expect(fmtPct(18)).toBe('+18.0%');
    expect(fmtPct(-2.06)).toBe('-2.1%');
    expect(fmtPct(-0.01)).toBe('0.0%');
    expect(fmtPct(null)).toBe('n/a');
  });

  it('signs absolute deltas but not zero', () => {
    expect(signed(1234, fmtInt)).toBe('+1,234');
    expect(signed(-1234, fmtUsd)).toBe('-$1,234');
    expect(signed(0.2, fmtInt)).toBe('0');
  });

  it('uses readable units for counts, fractions and seconds', () => {
    expect(fmtCount(671e9)).toBe('671.0B');
    expect(fmtCount(37.5e9)).toBe('37.50B');
    expect(fmtFraction(0.4123)).toBe('41.2%');
    expect(fmtSeconds(0.0123)).toBe('12.3 ms');
    expect(fmtSeconds(95)).toBe('95.0 s');
  });
});
