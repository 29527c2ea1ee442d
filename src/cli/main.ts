/** The `rectify` command: another front door onto the same services as the HTTP API. */
import { Command } from 'commander';
import { registerServeCommand } from './commands/serve.js';
import { registerDbCommands } from './commands/db.js';
import { registerUserCommands } from './commands/user.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerImportCommand } from './commands/import.js';
import { registerParseCommand } from './commands/parse.js';
import { registerExportCommand } from './commands/export.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerSeedScaleCommand } from './commands/seed-scale.js';

export function buildProgram(): Command {
  const program = new Command('rectify')
    .description('Rectify 督察整改台账 — the ledger of inspection rectification tasks')
    .version('0.1.0');
  registerServeCommand(program);
  registerDbCommands(program);
  registerUserCommands(program);
  registerParseCommand(program);
  registerImportCommand(program);
  registerExportCommand(program);
  registerAuditCommands(program);
  registerBackupCommands(program);
  registerSeedScaleCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
