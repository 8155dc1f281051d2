import type { Command } from 'commander';
import { declareInbox } from './inbox.js';
import { declareMail } from './mail.js';
import { declarePublish } from './publish.js';
import { declareRun } from './run.js';
import { declareSignups } from './signups.js';
import { declareStatus } from './status.js';
import { declareWorkspace } from './workspace.js';

/** Every command, in the order help lists them: each group declares its commands, options, help and examples. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  declareWorkspace,
  (program) => {
    const invites = declarePublish(program);
    declareSignups(program);
    declareMail(program, invites);
  },
  declareInbox,
  declareStatus,
  declareRun,
];
