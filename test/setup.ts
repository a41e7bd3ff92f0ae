/**
 * Loaded before every test file (`--import ./test/setup.ts`). Property tests draw a fresh fast-check seed
 * on each local run, so they keep exploring (fast-check prints the seed of any failure; rerun it with
 * FC_SEED=…). CI runs them with one fixed seed, so whether a change lands never depends on luck.
 */
import fc from "fast-check";

const fixed = process.env.FC_SEED ?? (process.env.CI ? "20261125" : undefined);
if (fixed !== undefined) fc.configureGlobal({ seed: Number(fixed) });
