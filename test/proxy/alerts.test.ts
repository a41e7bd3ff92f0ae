import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { AlertSink } from "../../src/proxy/alerts.js";
import type { FirewallAlert } from "../../src/proxy/pipeline.js";

function alert(n: number): FirewallAlert {
  return {
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    direction: "inbound",
    verdict: "tcap-abort",
    reason: "category-1",
    opcode: 71,
    calling_gt: `81901${String(n).padStart(6, "0")}`,
    called_gt: "12025550100",
    country: "JP",
    operator: null,
    lessee: "Nimbus Route Ltd",
    imsi: null,
    msisdn: "12025550100",
    incident: "INC-0001",
    incident_kind: "location-tracking",
  };
}

async function until(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface Hook {
  url: string;
  posts: { contentType: string | undefined; body: FirewallAlert[] }[];
  /** Called for each request; answers 204 unless it answers itself. */
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => boolean;
  close(): Promise<void>;
}

async function webhookServer(): Promise<Hook> {
  const hook: Hook = {
    url: "",
    posts: [],
    handler: () => false,
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => {
      body += d;
    });
    req.on("end", () => {
      if (hook.handler(req, res, body)) return;
      hook.posts.push({ contentType: req.headers["content-type"], body: JSON.parse(body) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  hook.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return hook;
}

const dir = mkdtempSync(join(tmpdir(), "ss7guard-alerts-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("alert sink", () => {
  it("appends one JSON line per alert to the file, and appends across sinks", async () => {
    const file = join(dir, "alerts.jsonl");
    const first = new AlertSink({ file });
    first.write(alert(1));
    first.write(alert(2));
    await first.close();
    const second = new AlertSink({ file });
    second.write(alert(3));
    await second.close();
    const lines = readFileSync(file, "utf8").split("\n");
    assert.equal(lines.pop(), "", "ends with a newline");
    assert.deepEqual(
      lines.map((l) => JSON.parse(l)),
      [alert(1), alert(2), alert(3)],
    );
    assert.equal(first.counters.written, 2);
    assert.equal(first.counters.fileDropped, 0);
  });

  it("reports an unwritable file through onError and counts the lines, never throwing", async () => {
    const errors: string[] = [];
    const sink = new AlertSink({
      file: join(dir, "no", "such", "dir.jsonl"),
      onError: (m) => errors.push(m),
    });
    sink.write(alert(1));
    await until("the open error", () => errors.length > 0);
    sink.write(alert(2));
    await sink.close();
    assert.match(errors[0]!, /^alert file: .*ENOENT/);
    assert.equal(sink.counters.fileDropped, 1);
    assert.equal(sink.recent().length, 2, "the ring buffer still has them");
  });

  it("keeps the last N alerts for the API, newest first", async () => {
    const sink = new AlertSink({ recent: 5 });
    assert.deepEqual(sink.recent(10), []);
    for (let i = 1; i <= 8; i++) sink.write(alert(i));
    assert.deepEqual(
      sink.recent(10).map((a) => a.calling_gt),
      [8, 7, 6, 5, 4].map((n) => alert(n).calling_gt),
    );
    assert.deepEqual(sink.recent(2), [alert(8), alert(7)]);
    assert.deepEqual(sink.recent(0), []);
    assert.equal(sink.recent().length, 5);
    assert.equal(new AlertSink().recent(5000).length, 0);
    await sink.close();
  });

  it("POSTs JSON arrays of up to 100 alerts at once, and a partial batch after the interval", async () => {
    const hook = await webhookServer();
    const sink = new AlertSink({ webhook: hook.url, flushIntervalMs: 500 });
    const sent = Array.from({ length: 250 }, (_, i) => alert(i));
    const t0 = Date.now();
    for (const a of sent) sink.write(a);
    await until("two full batches", () => hook.posts.length >= 2);
    assert.ok(Date.now() - t0 < 450, "full batches do not wait for the timer");
    await until("the partial batch", () => hook.posts.length === 3);
    assert.ok(Date.now() - t0 >= 490, "the partial batch waits for the timer");
    assert.deepEqual(
      hook.posts.map((p) => p.body.length),
      [100, 100, 50],
    );
    assert.deepEqual(
      hook.posts.flatMap((p) => p.body),
      sent,
      "every alert, in order",
    );
    assert.equal(hook.posts[0]!.contentType, "application/json");
    // A later trickle goes out on its own timer.
    sink.write(alert(900));
    await until("the trickle", () => hook.posts.length === 4);
    assert.deepEqual(hook.posts[3]!.body, [alert(900)]);
    // The server has the POST before the sink has the answer that counts it as sent.
    await until("the trickle counted", () => sink.counters.webhookSent === 251);
    assert.equal(sink.counters.webhookSent, 251);
    assert.equal(sink.counters.webhookFailed, 0);
    await sink.close();
    await hook.close();
  });

  it("retries a failing webhook with backoff, then counts the failure and carries on", async () => {
    const hook = await webhookServer();
    const attempts: number[] = [];
    let failing = true;
    hook.handler = (_req, res) => {
      if (!failing) return false;
      attempts.push(Date.now());
      res.writeHead(503).end("down");
      return true;
    };
    const errors: string[] = [];
    const sink = new AlertSink({
      webhook: hook.url,
      flushIntervalMs: 10,
      retries: 2,
      backoffMs: 40,
      onError: (m) => errors.push(m),
    });
    assert.doesNotThrow(() => sink.write(alert(1)));
    await until("the failure", () => sink.counters.webhookFailed === 1);
    assert.equal(attempts.length, 3, "one attempt and two retries");
    assert.ok(attempts[1]! - attempts[0]! >= 35, "first backoff");
    assert.ok(attempts[2]! - attempts[1]! >= 75, "second backoff doubles");
    assert.equal(sink.counters.webhookErrors, 3);
    assert.equal(sink.counters.webhookSent, 0);
    assert.match(errors[0]!, /1 alert\(s\) not delivered: HTTP 503/);
    failing = false;
    sink.write(alert(2));
    await until("the next batch", () => hook.posts.length === 1);
    assert.deepEqual(hook.posts[0]!.body, [alert(2)]);
    await sink.close();
    await hook.close();
  });

  it("gives up quickly on a webhook nobody listens on when closing", async () => {
    const hook = await webhookServer();
    const url = hook.url;
    await hook.close();
    const errors: string[] = [];
    const sink = new AlertSink({
      webhook: url,
      flushIntervalMs: 60_000,
      retries: 5,
      backoffMs: 10_000,
      onError: (m) => errors.push(m),
    });
    for (let i = 0; i < 250; i++) sink.write(alert(i));
    const t0 = Date.now();
    await sink.close();
    assert.ok(Date.now() - t0 < 3000, "close does not wait out the backoff");
    assert.equal(sink.counters.webhookFailed, 250);
    assert.equal(sink.counters.webhookSent, 0);
    assert.match(errors[0]!, /^alert webhook: 100 alert\(s\) not delivered: fetch failed \(ECONNREFUSED\)$/);
    sink.write(alert(999));
    assert.equal(sink.queued, 0, "a closed sink queues nothing");
  });

  it("bounds the queue, dropping the oldest alerts", async () => {
    const hook = await webhookServer();
    let held: ServerResponse | undefined;
    const heldBody: FirewallAlert[] = [];
    hook.handler = (_req, res, body) => {
      if (held !== undefined || heldBody.length > 0) return false;
      held = res;
      heldBody.push(...JSON.parse(body));
      return true;
    };
    const sink = new AlertSink({ webhook: hook.url, batchSize: 5, maxQueue: 10, flushIntervalMs: 20 });
    for (let i = 0; i < 5; i++) sink.write(alert(i));
    await until("the first batch in flight", () => held !== undefined);
    for (let i = 5; i < 35; i++) sink.write(alert(i));
    assert.equal(sink.queued, 10);
    assert.equal(sink.counters.webhookDropped, 20);
    held!.writeHead(200).end();
    await until("the rest", () => sink.counters.webhookSent === 15);
    assert.deepEqual(
      heldBody.map((a) => a.calling_gt),
      [0, 1, 2, 3, 4].map((n) => alert(n).calling_gt),
    );
    assert.deepEqual(
      hook.posts.flatMap((p) => p.body).map((a) => a.calling_gt),
      Array.from({ length: 10 }, (_, i) => alert(25 + i).calling_gt),
      "the newest 10 survive",
    );
    await sink.close();
    await hook.close();
  });

  it("close() sends what is queued without waiting for the timer", async () => {
    const hook = await webhookServer();
    const sink = new AlertSink({ webhook: hook.url, flushIntervalMs: 60_000 });
    sink.write(alert(1));
    sink.write(alert(2));
    await sink.close();
    assert.deepEqual(
      hook.posts.map((p) => p.body),
      [[alert(1), alert(2)]],
    );
    await hook.close();
  });
});
