/** Runs the statusdrill CLI in-process and captures what it prints. */
import { main } from '../../server/cli/main.js';
import { PROJECT_ROOT } from '../../server/config.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `statusdrill ...argv` with the working directory `cwd` (default: the project root). */
export async function runCli(argv: string[], cwd = PROJECT_ROOT): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    color: false,
  });
  return { code, stdout, stderr };
}
