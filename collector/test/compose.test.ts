import { describe, expect, it } from 'vitest';
import { envReferences, mergeConfigs } from '../src/compose.ts';

describe('mergeConfigs (several --config files)', () => {
  it('merges maps key by key, recursively', () => {
    const merged = mergeConfigs({ exporters: { a: { x: 1 } } }, { exporters: { a: { y: 2 }, b: {} } });
    expect(merged).toEqual({ exporters: { a: { x: 1, y: 2 }, b: {} } });
  });

  it('replaces lists whole rather than appending', () => {
    const merged = mergeConfigs({ service: { extensions: ['a', 'b'] } }, { service: { extensions: ['c'] } });
    expect(merged).toEqual({ service: { extensions: ['c'] } });
  });

  it('lets a later scalar replace an earlier map', () => {
    expect(mergeConfigs({ a: { b: 1 } }, { a: null })).toEqual({ a: null });
  });
});

describe('envReferences', () => {
  it('finds variables with and without defaults, empty defaults included', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: collector env syntax, not a template
    const text = 'x: ${env:A:-0.0.0.0:4317}\ny: ${env:B}\nz: ${env:C:-}';
    expect(envReferences(text)).toEqual([
      { name: 'A', fallback: '0.0.0.0:4317' },
      { name: 'B', fallback: undefined },
      { name: 'C', fallback: '' },
    ]);
  });
});
