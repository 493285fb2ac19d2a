import type { CommandSpec } from '../command-spec.js';
import { chatCommand } from './chat-command.js';
import { configCommand } from './config-command.js';
import { demoCommand } from './demo-command.js';
import { doctorCommand } from './doctor-command.js';
import { serveCommand } from './serve-command.js';

/** Every command, in help order. */
export const COMMANDS: readonly CommandSpec[] = Object.freeze([
  chatCommand,
  configCommand,
  doctorCommand,
  serveCommand,
  demoCommand,
]);
