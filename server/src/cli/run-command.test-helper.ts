import { vi } from 'vitest';
import type { Config } from '../config.ts';
import type { Clock } from '../platform/clock.ts';

/** Test helper: runs a CLI command and returns its exit code with everything it printed. */
export async function runCommand(
  command: (config: Config, args: string[], clock?: Clock) => Promise<number>,
  config: Config,
  args: string[],
  clock?: Clock,
): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const keep = (...parts: unknown[]) => {
    lines.push(parts.map(String).join(' '));
  };
  const log = vi.spyOn(console, 'log').mockImplementation(keep);
  const error = vi.spyOn(console, 'error').mockImplementation(keep);
  try {
    const code = await (clock ? command(config, args, clock) : command(config, args));
    return { code, out: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
