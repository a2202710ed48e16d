#!/usr/bin/env node
// The `trailwatch` command: runs the TypeScript sources through tsx, as the project's scripts do.
import { register } from 'tsx/cjs/api';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { createRequire } = await import('node:module');
const { run } = createRequire(import.meta.url)('../cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
