import type { CommandSpec } from '../command-spec.js';
import { configCommand } from './config-command.js';

/** Every command, in help order. */
export const COMMANDS: readonly CommandSpec[] = Object.freeze([configCommand]);
