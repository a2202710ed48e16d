import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Runs one of the bench's TypeScript scripts in a fresh node process (through tsx, without
 * this process's loader in NODE_OPTIONS) and returns what it printed.
 */
export function runBenchChild(script: string, args: readonly string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  delete env.NODE_OPTIONS;
  return execFileSync(process.execPath, ['--import', 'tsx', resolve(__dirname, script), ...args], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
}
