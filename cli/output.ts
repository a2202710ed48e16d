import { Presets, SingleBar } from 'cli-progress';

/** Where a command writes: the real streams, or buffers in tests. */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal: progress is drawn only then. */
  readonly interactive: boolean;
}

export const processOutput: Output = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
};

/**
 * A progress bar on stderr when it is a terminal (silent otherwise): files, records,
 * records per second, and the time left estimated from the bytes read.
 */
export class Progress {
  private readonly bar: SingleBar | undefined;
  private read = 0;
  private count = 0;
  private done = 0;
  private readonly started = Date.now();

  constructor(
    out: Output,
    total: number,
    private readonly files: number,
  ) {
    if (!out.interactive) return;
    this.bar = new SingleBar(
      {
        stream: process.stderr,
        format: 'replay [{bar}] {percentage}% | files {done}/{files} | {records} records | {rate}/s | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      Presets.shades_classic,
    );
    this.bar.start(Math.max(total, 1), 0, this.payload());
  }

  bytes(n: number): void {
    this.read += n;
    this.bar?.update(this.read, this.payload());
  }

  records(n: number): void {
    this.count = n;
  }

  file(done: number): void {
    this.done = done;
    this.bar?.update(this.read, this.payload());
  }

  stop(): void {
    this.bar?.stop();
  }

  private payload(): Record<string, string | number> {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    return { done: this.done, files: this.files, records: this.count.toLocaleString('en'), rate: Math.round(this.count / seconds).toLocaleString('en') };
  }
}
