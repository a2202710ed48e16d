import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'trailwatch-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = require(join(ROOT, 'esbuild.config.js')) as ((sdks?: string[]) => Record<string, unknown>) & { writeModulePackageJson(dir: string): void };
beforeAll(async () => {
  await build({ ...config(), entryPoints: [join(ROOT, 'handlers', 'detector.ts')], outdir: dir, logLevel: 'error' });
  config.writeModulePackageJson(dir);
});
const entry = join(dir, 'detector.js');

/** Imports the bundle in a fresh node process (it is an ES module) and prints what the script writes. */
function importBundle(env: Record<string, string>, then: string): string {
  const script = `import(${JSON.stringify(entry)}).then((m) => ${then}, (e) => process.stdout.write(JSON.stringify({ thrown: e.constructor.name, name: e.name })))`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.NODE_OPTIONS;
  return execFileSync(process.execPath, ['-e', script], { env: childEnv, encoding: 'utf8' });
}

describe('the shipped bundle (esbuild.config.js)', () => {
  it('keeps error class names, so errorType in Lambda responses reads ConfigError, not a minified name', () => {
    const out = JSON.parse(importBundle({ DRY_RUN: 'true', LOG_LEVEL: 'VERBOSE' }, 'process.stdout.write("{}")'));
    expect(out).toEqual({ thrown: 'ConfigError', name: 'ConfigError' });
  });

  it('fails the cold start on invalid bundled suppressions, naming the entry', async () => {
    const bad = join(dir, 'bad');
    await build({
      ...config(),
      define: { 'process.env.TRAILWATCH_SUPPRESSIONS': JSON.stringify(JSON.stringify([{ id: 'x', rules: '*' }])) },
      entryPoints: [join(ROOT, 'handlers', 'detector.ts')],
      outdir: bad,
      logLevel: 'error',
    });
    config.writeModulePackageJson(bad);
    const script = `import(${JSON.stringify(join(bad, 'detector.js'))}).then(() => process.stdout.write('loaded'), (e) => process.stdout.write(e.name + ': ' + e.message))`;
    const env: NodeJS.ProcessEnv = { ...process.env, DRY_RUN: 'true', LOG_LEVEL: 'SILENT' };
    delete env.NODE_OPTIONS;
    expect(execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' })).toBe(
      'SuppressionError: Invalid suppression "x" (#1), field pattern: required, a non-empty string',
    );
  });

  it('keeps the AWS SDK out of the entry file: a cold start does not compile it', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(1);
    const source = readFileSync(entry, 'utf8');
    // SigV4's algorithm name: in the SDK's code, and only there.
    expect(source).not.toContain('AWS4-HMAC-SHA256');
    expect(files.some((f) => readFileSync(join(dir, f), 'utf8').includes('AWS4-HMAC-SHA256'))).toBe(true);
  });

  it('runs a dry-run batch from the bundle as an ES module', () => {
    const out = importBundle(
      { DRY_RUN: 'true', LOG_LEVEL: 'SILENT' },
      `m.handler(${JSON.stringify(JSON.parse(readFileSync(join(ROOT, 'events', 'mixed.json'), 'utf8')))}).then((s) => process.stdout.write(JSON.stringify({ logEvents: s.logEvents, dryRun: s.dryRun })))`,
    );
    expect(JSON.parse(out)).toMatchObject({ dryRun: true });
    expect(JSON.parse(out).logEvents).toBeGreaterThan(0);
  });
});

describe('optional outputs (Chatbot, Security Hub, EventBridge)', () => {
  const sizes = async (sdks: string[]): Promise<{ bytes: number; files: string[] }> => {
    const out = mkdtempSync(join(tmpdir(), 'trailwatch-sdks-'));
    const result = await build({ ...config(sdks), entryPoints: [join(ROOT, 'handlers', 'detector.ts')], outdir: out, metafile: true, logLevel: 'error' });
    const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
    const files = readdirSync(out);
    rmSync(out, { recursive: true, force: true });
    return { bytes, files };
  };

  it('ships no output code or client in the default bundle, and each one only when its output is on', async () => {
    const none = await sizes([]);
    const chat = await sizes(['chatbot']);
    const hub = await sizes(['securityHub']);
    const all = await sizes(['chatbot', 'securityHub', 'eventBridge']);
    expect(chat.bytes).toBeGreaterThan(none.bytes + 2_000);
    expect(hub.bytes).toBeGreaterThan(chat.bytes + 10_000);
    expect(all.bytes).toBeGreaterThan(hub.bytes + 5_000);
  });

  it('fails clearly when an output left out of the bundle is used', () => {
    const out = importBundle(
      { DRY_RUN: 'true', LOG_LEVEL: 'SILENT' },
      "m.clients.securityHub.send({}).then(() => process.stdout.write('sent'), (e) => process.stdout.write(e.name))",
    );
    expect(out).toBe('NotBundledError');
    const cold = JSON.parse(importBundle({ DRY_RUN: 'true', LOG_LEVEL: 'SILENT', EVENT_BUS_NAME: 'security' }, 'process.stdout.write("{}")'));
    expect(cold).toEqual({ thrown: 'ConfigError', name: 'ConfigError' });
  });
});
