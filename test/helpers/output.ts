import type { Output } from '../../cli/output';

/** A CLI output that keeps what is written, as a non-terminal would get it. */
export function buffers(): Output & { out: string; err: string } {
  const o = { out: '', err: '', interactive: false } as Output & { out: string; err: string };
  o.stdout = (t) => {
    o.out += t;
  };
  o.stderr = (t) => {
    o.err += t;
  };
  return o;
}
