/**
 * The shape every mergeable accumulator follows (after OpenTelemetry's aggregators): a state
 * made by `create`, grown by `add`, combined by `merge` (which returns a new state and leaves
 * its inputs untouched), and read by `snapshot`. merge(add(a, xs), add(b, ys)) must equal
 * add(create(), xs ++ ys), exactly for counts, moments and histograms, and within the documented
 * error for the quantile sketch.
 */
export interface Aggregator<State, Value, Snapshot> {
  create(): State;
  add(state: State, value: Value): void;
  merge(a: State, b: State): State;
  snapshot(state: State): Snapshot;
}
