/** A decoder exposed to the long-running fuzzer (`npm run fuzz`) and to the mutation tests. */
export interface FuzzTarget {
  /** Short name, e.g. "m3ua", "sccp", "tcap". */
  readonly name: string;
  /** Valid encodings the mutator starts from. */
  readonly seeds: readonly Uint8Array[];
  /** Runs the decoder over the whole input; must throw nothing but DecodeError. */
  decode(bytes: Uint8Array): unknown;
}
