#!/usr/bin/env node
// Launcher for the TypeScript CLI: no build step, tsx compiles it on the fly.
import { register } from 'tsx/esm/api';

register();
await import('../src/kafka/cli.ts');
