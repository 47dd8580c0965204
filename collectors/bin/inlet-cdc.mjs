#!/usr/bin/env node
// Launcher: registers tsx so the TypeScript sources run as they are (no build step).
import { register } from 'tsx/esm/api';

register();
const { runCdcCli } = await import('../src/cdc/cli.ts');
process.exitCode = await runCdcCli(process.argv.slice(2));
