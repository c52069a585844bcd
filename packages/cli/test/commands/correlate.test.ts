import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { type CorrelateCliOptions, registerCorrelate, runCorrelate } from '../../src/commands/correlate.ts';

const defaults: CorrelateCliOptions = {
  prometheus: 'http://127.0.0.1:1',
  range: '1h',
  step: '1m',
  timeout: '1s',
};

async function run(options: Partial<CorrelateCliOptions>) {
  const err: string[] = [];
  const code = await runCorrelate(
    { ...defaults, ...options },
    { stdout: () => {}, stderr: (t) => err.push(t) },
  );
  return { code, stderr: err.join('') };
}

describe('bizmetrics correlate options', () => {
  it('needs --out for the HTML report (exit 2, no stack trace)', async () => {
    expect(await run({ format: 'html' })).toEqual({
      code: 2,
      stderr: 'bizmetrics correlate: --format html needs --out FILE\n',
    });
  });

  it('names the flag and the accepted units for a bad duration', async () => {
    const { code, stderr } = await run({ range: 'a week' });
    expect(code).toBe(2);
    expect(stderr).toContain('--range: "a week" is not a duration');
  });

  it('rejects an --end that is neither ISO 8601 nor Unix seconds', async () => {
    const { code, stderr } = await run({ end: 'yesterday' });
    expect(code).toBe(2);
    expect(stderr).toContain('--end: "yesterday" is neither ISO 8601');
  });

  it('refuses two kinds of credentials at once', async () => {
    const { code, stderr } = await run({ bearerToken: 't', basicAuth: 'u:p' });
    expect(code).toBe(2);
    expect(stderr).toContain('--bearer-token: give either a bearer token or basic auth, not both');
  });

  it('lists the known recording rules when --business-rule names none of them', async () => {
    const { code, stderr } = await run({ businessRule: 'no:such:rule' });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /no recording rule "no:such:rule" in config "bizmetrics"; known: .*funnel:checkout_conversion:ratio_rate5m/,
    );
  });

  it('looks recording rules up in the KPI config given with --rules-config', async () => {
    const { code, stderr } = await run({
      businessRule: 'no:such:rule',
      rulesConfig: 'packages/cli/test/fixtures/signup-config.ts',
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/in config "signup"; known: source:signup_conversion:ratio_rate5m/);
  });

  it('names the field of a --config file that has a bad value', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'correlate-config-'));
    try {
      await writeFile(
        join(dir, 'request.json'),
        JSON.stringify({ step: 'often', preset: 'latency-conversion' }),
      );
      const { code, stderr } = await run({ config: join(dir, 'request.json'), step: undefined });
      expect(code).toBe(2);
      expect(stderr).toContain('bizmetrics correlate: --step: "often" is not a duration');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says which --rules-config file does not exist', async () => {
    const { code, stderr } = await run({ businessRule: 'x', rulesConfig: 'no/such/config.ts' });
    expect(code).toBe(2);
    expect(stderr).toContain('config file no/such/config.ts does not exist');
  });

  it('registers the command with the default KPI pair and the seed example flags', () => {
    const program = new Command('bizmetrics');
    registerCorrelate(program);
    const command = program.commands.find((c) => c.name() === 'correlate');
    const flags = command?.options.map((o) => o.long);
    expect(flags).toEqual(
      expect.arrayContaining([
        '--prometheus',
        '--technical',
        '--business',
        '--technical-kpi',
        '--business-kpi',
        '--range',
        '--step',
        '--format',
        '--out',
      ]),
    );
    expect(command?.helpInformation()).toContain('a named KPI pair (default latency-conversion)');
    // Defaults are the library's: the command carries none that would override a --config file.
    expect(command?.options.filter((o) => o.defaultValue !== undefined).map((o) => o.long)).toEqual([
      '--format',
    ]);
  });
});
