/**
 * The stderr progress line of `ss7guard analyze`: shown only to a person at a terminal reading a large
 * capture; silent when piped, under CI, or for small files; cheap to update per chunk.
 */
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import {
  createProgress,
  formatBytes,
  MIN_PROGRESS_BYTES,
  shouldShowProgress,
} from "../../src/cli/progress.js";

const MiB = 1024 * 1024;

/** A stream that records what is written; a terminal of 120 columns when `tty`. */
function fakeStream(tty: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const w = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      written.push(String(chunk));
      done();
    },
  });
  if (tty) Object.assign(w, { isTTY: true, columns: 120 });
  return { stream: w as unknown as NodeJS.WriteStream, written };
}

describe("shouldShowProgress", () => {
  const big = 64 * MiB;

  it("shows progress for a large capture on a terminal outside CI", () => {
    assert.equal(shouldShowProgress({ isTTY: true, totalBytes: big, env: {} }), true);
    assert.equal(shouldShowProgress({ isTTY: true, totalBytes: MIN_PROGRESS_BYTES, env: {} }), true);
    assert.equal(MIN_PROGRESS_BYTES, 8 * MiB);
  });

  it("stays silent when stderr is not a terminal", () => {
    assert.equal(shouldShowProgress({ isTTY: false, totalBytes: big, env: {} }), false);
    assert.equal(shouldShowProgress({ isTTY: undefined, totalBytes: big, env: {} }), false);
  });

  it("stays silent under CI", () => {
    for (const CI of ["true", "1", "yes", "woodpecker"]) {
      assert.equal(shouldShowProgress({ isTTY: true, totalBytes: big, env: { CI } }), false, CI);
    }
    // CI explicitly off, or empty, is not CI.
    for (const CI of ["", "0", "false", "FALSE"]) {
      assert.equal(
        shouldShowProgress({ isTTY: true, totalBytes: big, env: { CI } }),
        true,
        JSON.stringify(CI),
      );
    }
  });

  it("stays silent for small captures and on a dumb terminal", () => {
    assert.equal(shouldShowProgress({ isTTY: true, totalBytes: MIN_PROGRESS_BYTES - 1, env: {} }), false);
    assert.equal(shouldShowProgress({ isTTY: true, totalBytes: 0, env: {} }), false);
    assert.equal(shouldShowProgress({ isTTY: true, totalBytes: Number.NaN, env: {} }), false);
    assert.equal(shouldShowProgress({ isTTY: true, totalBytes: big, env: { TERM: "dumb" } }), false);
    assert.equal(shouldShowProgress({ isTTY: true, totalBytes: big, env: { TERM: "xterm-256color" } }), true);
  });
});

describe("createProgress", () => {
  it("writes nothing on a stream that is not a terminal", () => {
    const { stream, written } = fakeStream(false);
    const p = createProgress(512 * MiB, stream, { env: {} });
    assert.equal(p.active, false);
    for (let i = 1; i <= 10_000; i++) p.update(i * 65_536, i * 300);
    p.stop();
    p.stop();
    assert.deepEqual(written, []);
  });

  it("writes nothing under CI or for a small capture, even on a terminal", () => {
    for (const [total, env] of [
      [512 * MiB, { CI: "true" }],
      [MiB, {}],
    ] as const) {
      const { stream, written } = fakeStream(true);
      const p = createProgress(total, stream, { env });
      assert.equal(p.active, false);
      p.update(total / 2, 1000);
      p.stop();
      assert.deepEqual(written, []);
    }
  });

  it("passes log lines through when inactive", () => {
    const { stream, written } = fakeStream(false);
    const p = createProgress(512 * MiB, stream, { env: {} });
    p.log("frame 7: sccp: bad pointer at offset 3");
    p.log("done\n");
    assert.deepEqual(written, ["frame 7: sccp: bad pointer at offset 3\n", "done\n"]);
  });

  it("draws bytes %, messages, rate and ETA on a terminal, throttled, and clears the line on stop", () => {
    const { stream, written } = fakeStream(true);
    const total = 100 * MiB;
    const p = createProgress(total, stream, { env: {} });
    assert.equal(p.active, true);
    const t0 = performance.now();
    // A hot loop: a million updates must cost next to nothing and not draw a million times.
    for (let i = 1; i <= 1_000_000; i++) p.update(Math.floor((i * total) / 2_000_000), i);
    const elapsed = performance.now() - t0;
    const writesDuringLoop = written.length;
    p.log("frame 9: tcap: bad length at offset 1");
    p.stop();
    p.stop();
    p.update(total, 2_000_000);
    const text = written.join("");
    assert.ok(elapsed < 2_000, `1M updates took ${elapsed.toFixed(0)} ms`);
    assert.ok(writesDuringLoop < 200, `${writesDuringLoop} writes during the loop`);
    assert.match(
      text,
      /reading \[[=-]+\] +\d+% \| [\d.]+ [KMG]?i?B \/ 100\.0 MiB \| [\d,]+ msg \| [\d,]+ msg\/s \| ETA /,
    );
    assert.ok(
      text.includes(" 50% | 50.0 MiB / 100.0 MiB | 1,000,000 msg"),
      "the final values are drawn on stop",
    );
    assert.ok(text.includes("frame 9: tcap: bad length at offset 1\n"));
    const afterStop = written.length;
    p.log("late");
    assert.equal(written.slice(afterStop).join(""), "late\n");
  });
});

describe("formatBytes", () => {
  it("uses binary units", () => {
    assert.equal(formatBytes(0), "0 B");
    assert.equal(formatBytes(1023), "1023 B");
    assert.equal(formatBytes(1536), "1.5 KiB");
    assert.equal(formatBytes(219 * MiB), "219.0 MiB");
    assert.equal(formatBytes(1.2 * 1024 * MiB), "1.20 GiB");
  });
});
