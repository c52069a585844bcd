import { describe, expect, it } from 'vitest';
import { expandText, goG4, humanize, humanizePercentage, toGoTemplate } from '../../src/model/alert-text.ts';

describe('alert text', () => {
  it('renders placeholders as Go templates by unit', () => {
    expect(toGoTemplate('{label:currency} at {value}', 'per_minute')).toBe(
      '{{ $labels.currency }} at {{ $value | humanize }}',
    );
    expect(toGoTemplate('{value}', 'ratio')).toBe('{{ $value | humanizePercentage }}');
  });

  it("formats like Go's %.4g, absorbing float noise", () => {
    expect(goG4(0.1)).toBe('0.1');
    expect(goG4(9.999999999)).toBe('10');
    expect(goG4(12346)).toBe('1.235e+04');
    expect(goG4(0.00001234)).toBe('1.234e-05');
  });

  it('humanizes with SI prefixes like Prometheus', () => {
    expect(humanize(5000)).toBe('5k');
    expect(humanize(1234567)).toBe('1.235M');
    expect(humanize(0.25)).toBe('250m');
    expect(humanizePercentage(0.1500000001)).toBe('15%');
  });

  it('expands text to what Prometheus will produce', () => {
    expect(expandText('{label:funnel}: {value}', 'ratio', 0.125, { funnel: 'checkout' })).toBe(
      'checkout: 12.5%',
    );
  });
});
