import { describe, expect, it } from 'vitest';
import { type CostCliOptions, runCost } from '../../src/commands/cost.ts';

async function run(options: CostCliOptions) {
  const err: string[] = [];
  const code = await runCost(
    { prometheus: 'http://127.0.0.1:1', timeout: '1s', ...options },
    {
      stdout: () => {},
      stderr: (t) => err.push(t),
    },
  );
  return { code, stderr: err.join('') };
}

describe('bizmetrics cost options', () => {
  it('asks for a window or an alert', async () => {
    expect(await run({})).toEqual({
      code: 2,
      stderr:
        'bizmetrics cost: --from: give the incident window with --from and --to, or --alert NAME to find it\n',
    });
  });

  it('refuses a window that ends before it starts, naming --to', async () => {
    const { code, stderr } = await run({ from: '2026-02-11T16:00:00Z', to: '2026-02-11T14:00:00Z' });
    expect(code).toBe(2);
    expect(stderr).toBe('bizmetrics cost: --to: must be after --from (2026-02-11T16:00:00.000Z)\n');
  });

  it('refuses a window and an alert together', async () => {
    const { code, stderr } = await run({ from: '1', to: '2', alert: 'X' });
    expect(code).toBe(2);
    expect(stderr).toContain('--alert: give either the window (--from and --to) or an alert, not both');
  });

  it('exits 1 naming the URL when Prometheus is not there', async () => {
    const { code, stderr } = await run({ from: '2026-02-11T14:00:00Z', to: '2026-02-11T16:00:00Z' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^bizmetrics cost: cannot reach http:\/\/127\.0\.0\.1:1/);
  });
});
