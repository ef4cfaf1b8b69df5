#!/usr/bin/env node
// The `centre` command: loads the TypeScript command line under tsx and runs it.
import { register } from 'tsx/esm/api';

register();
const { main, ignoreBrokenPipe } = await import('../services/cli/main.ts');
ignoreBrokenPipe();
process.exitCode = await main(process.argv.slice(2));
