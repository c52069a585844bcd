import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_LIBRARY, createProgram } from '../src/program.ts';

function leafCommands(cmd: Command, prefix: string[] = []): string[] {
  if (cmd.commands.length === 0) return [prefix.join(' ')];
  return cmd.commands.flatMap((c) => leafCommands(c, [...prefix, c.name()]));
}

describe('bizmetrics program', () => {
  it('backs every command with a public library function (the CLI is thin wiring)', () => {
    const commands = leafCommands(createProgram());
    expect(commands).toEqual(expect.arrayContaining(['rules generate', 'rules test', 'correlate']));
    for (const c of commands)
      expect(typeof COMMAND_LIBRARY[c], `command "${c}" has no library function`).toBe('function');
  });
});
