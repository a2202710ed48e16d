import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'trailwatch-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the shipped bundle (esbuild.config.js)', () => {
  it('keeps error class names, so errorType in Lambda responses reads ConfigError, not a minified name', () => {
    const options = (require(join(ROOT, 'esbuild.config.js')) as () => Record<string, unknown>)();
    const outfile = join(dir, 'detector.js');
    buildSync({ ...options, entryPoints: [join(ROOT, 'handlers', 'detector.ts')], outfile, logLevel: 'error' });
    const saved = { ...process.env };
    Object.assign(process.env, { DRY_RUN: 'true', LOG_LEVEL: 'VERBOSE' });
    let thrown: unknown;
    try {
      jest.isolateModules(() => require(outfile));
    } catch (error) {
      thrown = error;
    } finally {
      process.env = saved;
    }
    expect((thrown as Error).constructor.name).toBe('ConfigError');
    expect((thrown as Error).name).toBe('ConfigError');
  });
});
