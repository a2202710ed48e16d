import type { ChildProcess } from 'node:child_process';

/** Stops the moto_server that global-setup started, by its pid. */
export default async function globalTeardown(): Promise<void> {
  const child = (globalThis as { __MOTO__?: ChildProcess }).__MOTO__;
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
  clearTimeout(timer);
  if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
}
