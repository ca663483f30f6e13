/** One measured figure. `target` is what the issue asks for, written for a reader ("<= 50 ms"). */
export interface BenchRow {
  group: string;
  name: string;
  value: number;
  unit: string;
  target?: string;
  /** Whether the measured value meets the target; absent when there is no target. */
  pass?: boolean;
  note?: string;
}

export interface BenchSuite {
  name: string;
  /** Runs the suite; `quick` asks for a short run (used by `npm run bench -- --quick`). */
  run(options: { quick: boolean; log: (line: string) => void }): Promise<BenchRow[]>;
}
