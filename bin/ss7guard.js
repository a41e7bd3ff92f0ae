#!/usr/bin/env node
// Entry point. Runs the compiled JavaScript in dist/ (built by `npm run build`, which `npm ci` runs through
// `prepare`) when it is at least as new as every source file; otherwise registers tsx and runs the
// TypeScript sources as they are, so an edited checkout never runs stale code.
import { existsSync, readdirSync, statSync } from "node:fs";

const root = new URL("../", import.meta.url);

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const url = new URL(entry.name + (entry.isDirectory() ? "/" : ""), dir);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(url));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(url).mtimeMs);
  }
  return newest;
}

const stamp = new URL("dist/.built", root);
let entry;
if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestSourceMtime(new URL("src/", root))) {
  entry = new URL("dist/src/cli/main.js", root);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  entry = new URL("src/cli/main.ts", root);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
