// Correctness checks that make the benchmark fail rather than print a figure of broken work.
export class BenchFailure extends Error {}

export function check(ok: boolean, msg: string): asserts ok {
  if (!ok) throw new BenchFailure(msg);
}
