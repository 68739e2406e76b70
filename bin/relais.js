#!/usr/bin/env node
// The `relais` command. The sources are TypeScript run through tsx, so nothing needs building
// after `npm ci`.
import { register } from 'tsx/esm/api';

register();

const { main } = await import('../src/cli/index.ts');
const code = await main(process.argv.slice(2));
// Exit once everything written to stdout has been flushed (a piped export can be large).
process.stdout.write('', () => process.exit(code));
