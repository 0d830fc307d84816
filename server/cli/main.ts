/**
 * `statusdrill`: the command-line tool. Commands take their process through `CliIo` and return
 * an exit code, so tests run them in-process.
 */
import { scenarioJsonSchemaText } from '../scenario/json-schema.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { validateCommand } from './validate-command.js';
import { stateCommand } from './state-command.js';
import { mselCommand } from '../msel/msel-command.js';

const USAGE = `Usage: statusdrill <command> [options]

Commands:
  validate [FILE...] [--json]     check scenario files (default: every file in scenarios/);
                                  prints every problem, exits 1 if there is any
  state FILE --at TIME [--json] [--mode replay|exercise] [--lang fr|en]
                                  the state of a scenario at a story time; TIME is an ISO
                                  date-time with offset (2025-12-22T10:00:00+01:00) or an
                                  offset from the start (+3h30m, +1d2h)
  msel export FILE [--delimiter ,|;|tab] [--bom]
                                  print a scenario's timeline as an MSEL spreadsheet (CSV)
  msel import SHEET --into FILE [--write]
                                  put an MSEL sheet's timeline into a scenario and print it
                                  (or write it back with --write); problems by row and column
  schema                          print the JSON Schema of scenario files
  help                            this text
`;

/** Runs one command line; resolves to the process exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
        return await validateCommand(rest, io);
      case 'state':
        return await stateCommand(rest, io);
      case 'msel':
        return await mselCommand(rest, io);
      case 'schema':
        if (rest.length > 0) throw new UsageError(`schema takes no arguments (got ${rest.join(' ')})`);
        io.stdout.write(scenarioJsonSchemaText());
        return EXIT.ok;
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE);
        return EXIT.ok;
      case undefined:
        io.stderr.write(USAGE);
        return EXIT.usage;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.stderr.write(`statusdrill: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    throw error;
  }
}
