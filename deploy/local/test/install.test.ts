import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/index.ts';
import { STACK_BIN } from '../src/support.ts';

const run = promisify(execFile);

/** `[major, minor, patch]` of a dotted version, for comparisons. */
const parts = (v: string) => v.split('.').map(Number);
const atLeast = (v: string, min: string) => {
  const [a, b] = [parts(v), parts(min)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

/** The Prometheus release pinned by deploy/local/prometheus/go.mod: module v0.316.0 is 3.16.0. */
async function pinnedPrometheus(): Promise<string> {
  const goMod = await readFile(join(REPO_ROOT, 'deploy/local/prometheus/go.mod'), 'utf8');
  const m = /github\.com\/prometheus\/prometheus v0\.(\d)(\d\d)\.(\d+)/.exec(goMod)!;
  return `${m[1]}.${Number(m[2])}.${m[3]}`;
}

describe('stack:install', { timeout: 120_000 }, () => {
  it('is idempotent: a second run builds nothing and reports the pinned and minimum versions', async () => {
    const { stdout } = await run('bash', [join(REPO_ROOT, 'deploy/local/install.sh')]);
    const prometheus = await pinnedPrometheus();
    expect(stdout).toContain(`prometheus/promtool ${prometheus}: cached`);
    expect(stdout).toMatch(/otelcol 0\.161\.0: cached/);
    expect(stdout).not.toMatch(/building|downloading/);
    const versions = Object.fromEntries(
      [...stdout.matchAll(/\[stack:install\] ([a-z-]+) (\d+\.\d+\.\d+) /g)].map((m) => [
        m[1],
        m[2] as string,
      ]),
    );
    expect(versions['prometheus']).toBe(prometheus);
    expect(versions['promtool']).toBe(prometheus);
    const minimums = { alertmanager: '0.27.0', amtool: '0.27.0', 'victoria-metrics': '1.100.0' };
    for (const [tool, min] of Object.entries(minimums)) {
      expect(versions[tool], tool).toBeDefined();
      expect(atLeast(versions[tool] as string, min), `${tool} ${versions[tool]} >= ${min}`).toBe(true);
    }
  });

  it('runs the binaries it built: Prometheus 3 and promtool 3 at the pinned version, our collector', async () => {
    const prometheus = await pinnedPrometheus();
    for (const tool of ['prometheus', 'promtool']) {
      const { stdout, stderr } = await run(join(STACK_BIN, tool), ['--version']);
      expect(`${stdout}${stderr}`).toContain(`${tool}, version ${prometheus}`);
    }
    const { stdout } = await run(join(STACK_BIN, 'otelcol'), ['--version']);
    expect(stdout.trim()).toBe('otelcol-bizmetrics version 0.161.0');
  });

  it('keeps each Go build in a folder named by the hash of what pins it, linked from .stack/bin', async () => {
    expect(await readlink(join(STACK_BIN, 'otelcol'))).toMatch(/\/build\/otelcol-[0-9a-f]{16}\/otelcol$/);
    expect(await readlink(join(STACK_BIN, 'prometheus'))).toMatch(
      /\/build\/prometheus-\d+\.\d+\.\d+-[0-9a-f]{16}\/prometheus$/,
    );
    await expect(readlink(join(STACK_BIN, 'alertmanager'))).rejects.toMatchObject({ code: 'EINVAL' });
  });

  it('pins one Prometheus everywhere: the compose file runs the version the local stack builds', async () => {
    const compose = await readFile(join(REPO_ROOT, 'deploy/compose/compose.yaml'), 'utf8');
    expect(compose).toContain(`image: prom/prometheus:v${await pinnedPrometheus()}\n`);
  });

  it('stops with one line naming what is missing when Go is not on the PATH', async () => {
    const error = await run('bash', [join(REPO_ROOT, 'deploy/local/build-go.sh')], {
      env: { PATH: '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/root' },
    }).catch((e: { code: number; stderr: string; stdout: string }) => e);
    expect(error).toMatchObject({ code: 1, stdout: '' });
    expect((error as { stderr: string }).stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^\[stack:install\] Go is missing: .*install Go 1\.26 or newer/),
    ]);
  });

  it('stops with one line when a module cannot be downloaded, and caches nothing half-built', async () => {
    const stack = await mkdtemp(join(tmpdir(), 'bizmetrics-stack-'));
    const modcache = await mkdtemp(join(tmpdir(), 'bizmetrics-gomod-'));
    try {
      const error = await run('bash', [join(REPO_ROOT, 'deploy/local/build-go.sh')], {
        env: {
          ...process.env,
          PATH: `${dirname(process.execPath)}:${process.env['PATH']}`,
          STACK_DIR: stack,
          BUILD_ONLY: 'prometheus',
          GOMODCACHE: modcache,
          GOPROXY: 'off',
        },
      }).catch((e: { code: number; stderr: string }) => e);
      expect(error).toMatchObject({ code: 1 });
      const lines = (error as { stderr: string }).stderr.trim().split('\n');
      expect(lines).toEqual([
        expect.stringMatching(/^\[stack:install\] building prometheus .* failed: .*GOPROXY=off/),
      ]);
      // Only the failed attempt's scratch folder (removed by the next run), no cache entry, no link.
      expect((await readdir(join(stack, 'build'))).filter((d) => !d.startsWith('.tmp-'))).toEqual([]);
      expect(await readdir(join(stack, 'bin'))).toEqual([]);
    } finally {
      await run('chmod', ['-R', 'u+w', modcache]).catch(() => {});
      await rm(stack, { recursive: true, force: true });
      await rm(modcache, { recursive: true, force: true });
    }
  });
});
