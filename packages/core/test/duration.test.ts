import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../src/prometheus.ts';

describe('durations', () => {
  it('parses Prometheus durations and plain seconds', () => {
    expect(parseDuration('5m')).toBe(300);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('7d')).toBe(604_800);
    expect(parseDuration('500ms')).toBe(0.5);
    expect(parseDuration('90')).toBe(90);
  });

  it('names the accepted units when a duration is wrong', () => {
    expect(() => parseDuration('5 minutes')).toThrow(/"5 minutes" is not a duration: .*ms, s, m, h, d, w, y/);
  });

  it('formats seconds back into a short duration', () => {
    expect(formatDuration(300)).toBe('5m');
    expect(formatDuration(5400)).toBe('1h30m');
    expect(formatDuration(0.25)).toBe('250ms');
  });
});
