import { spawn, spawnSync } from 'node:child_process';
import { get } from 'node:http';
import { createServer } from 'node:net';

/** Env var through which the setup tells the suites where moto listens. */
export const MOTO_ENDPOINT_VAR = 'TRAILWATCH_MOTO_ENDPOINT';
const START_TIMEOUT_MS = 30_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilAnswering(endpoint: string, child: { exitCode: number | null }): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}`);
    if (await answers(`${endpoint}/moto-api/data.json`)) return;
    if (Date.now() > deadline) throw new Error(`moto_server did not answer at ${endpoint} within ${START_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One GET without keep-alive, so no socket outlives the probe. */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode === 200));
    });
    request.on('error', () => resolve(false));
  });
}

/** Starts moto_server on a free loopback port; teardown stops it by its pid. */
export default async function globalSetup(): Promise<void> {
  if (spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).error) {
    const hint = "moto_server not found: install it with pip install 'moto[server]'";
    if (process.env.CI === 'true') throw new Error(`Integration suite needs moto_server in CI. ${hint}`);
    console.log(`\nintegration suite skipped: ${hint}`);
    return;
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  (globalThis as { __MOTO__?: typeof child }).__MOTO__ = child;
  await waitUntilAnswering(endpoint, child);
  process.env[MOTO_ENDPOINT_VAR] = endpoint;
}
