/**
 * The TCP transport under M3UA: framing of a byte stream however TCP cuts it, framing failures answered
 * with ERR (RFC 4666 §3.8.1) and a hang-up, bounded send queues with backpressure, and clean shutdown.
 */
import assert from "node:assert/strict";
import { createServer, type Socket } from "node:net";
import { afterEach, describe, it } from "node:test";
import { fromHex } from "../../src/codec/bytes.js";
import { DecodeError } from "../../src/codec/errors.js";
import { findM3uaParameter, M3uaErrorCode } from "../../src/codec/m3ua/index.js";
import {
  createTcpTransport,
  type SigtranListener,
  type SigtranStream,
  tcpTransport,
} from "../../src/transport/index.js";
import { dataMessage, HOST, RawClient, sleep, until } from "./helpers.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Accepted {
  stream: SigtranStream;
  messages: Buffer[];
  closed: boolean;
  error: Error | undefined;
}

async function listenRecording(transport = tcpTransport): Promise<{ port: number; accepted: Accepted[] }> {
  const accepted: Accepted[] = [];
  const listener: SigtranListener = await transport.listen(HOST, 0, (stream) => {
    const a: Accepted = { stream, messages: [], closed: false, error: undefined };
    accepted.push(a);
    return {
      onMessage: (bytes, start, end) => a.messages.push(Buffer.from(bytes.subarray(start, end))),
      onClose: (error) => {
        a.closed = true;
        a.error = error;
      },
    };
  });
  cleanups.push(() => listener.close());
  return { port: listener.port, accepted };
}

describe("tcpTransport", () => {
  it("delivers each M3UA message whole however the byte stream is cut (1-byte, 3-byte, 1000-byte writes)", async () => {
    const { port, accepted } = await listenRecording();
    const messages = Array.from({ length: 60 }, (_, i) => dataMessage(i & 0xf, 100, `m${i}`.repeat(i)));
    const stream = Buffer.concat(messages);
    for (const size of [1, 3, 1000]) {
      const client = await RawClient.connect(port);
      cleanups.push(() => client.close());
      for (let at = 0; at < stream.length; at += size) {
        client.socket.write(stream.subarray(at, at + size));
        if (size < 10 && at % 97 === 0) await sleep(0); // let some cuts reach the server separately
      }
      await until(() => accepted.length > 0 && accepted.at(-1)!.messages.length === messages.length);
      assert.deepEqual(accepted.at(-1)!.messages, messages, `cut every ${size} bytes`);
    }
  });

  it("answers a stream that is not M3UA version 1 with ERR Invalid Version and closes it", async () => {
    const { port, accepted } = await listenRecording();
    const client = await RawClient.connect(port);
    cleanups.push(() => client.close());
    client.socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const err = await client.expect("ERR");
    assert.equal(findM3uaParameter(err, "errorCode")?.errorCode, M3uaErrorCode.invalidVersion);
    await until(() => client.closed && accepted[0]!.closed, 3000, "both ends closed");
    assert.ok(accepted[0]!.error instanceof DecodeError);
    assert.equal(accepted[0]!.messages.length, 0);
  });

  it("answers a header announcing more than the framer's limit with ERR Protocol Error and closes", async () => {
    const { port, accepted } = await listenRecording();
    const client = await RawClient.connect(port);
    cleanups.push(() => client.close());
    // RFC 4666 §3.1: version 1, class 1, type 1, length 0x7fffffff.
    client.socket.write(fromHex("01 00 01 01 7fffffff"));
    const err = await client.expect("ERR");
    assert.equal(findM3uaParameter(err, "errorCode")?.errorCode, M3uaErrorCode.protocolError);
    await until(() => client.closed && accepted[0]!.closed, 3000, "both ends closed");
  });

  it("delivers the messages before a framing failure, then closes", async () => {
    const { port, accepted } = await listenRecording();
    const client = await RawClient.connect(port);
    cleanups.push(() => client.close());
    const good = dataMessage(1, 100, "before");
    client.socket.write(Buffer.concat([good, fromHex("02 00 00 00 00000008")]));
    await until(() => accepted[0]?.closed === true);
    assert.deepEqual(accepted[0]!.messages, [good]);
  });

  it("reports a refused connection as onClose(error) without onOpen", async () => {
    const probe = await new Promise<{ opened: boolean; error: Error | undefined }>((resolve) => {
      // A port just released by a listener of our own: nothing listens there.
      const server = createServer();
      server.listen(0, HOST, () => {
        const free = (server.address() as { port: number }).port;
        server.close(() => {
          let opened = false;
          tcpTransport.connect(HOST, free, {
            onOpen: () => {
              opened = true;
            },
            onMessage() {},
            onClose: (error) => resolve({ opened, error }),
          });
        });
      });
    });
    assert.equal(probe.opened, false);
    assert.match(String(probe.error), /ECONNREFUSED/);
  });

  it("exposes backpressure (congested, writableLength, onDrain) and destroys a stream whose peer stops reading", async () => {
    const peers: Socket[] = [];
    const server = createServer((s) => {
      peers.push(s);
      s.pause(); // never reads until resumed
    });
    await new Promise<void>((r) => server.listen(0, HOST, r));
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          for (const p of peers) p.destroy();
          server.close(() => r());
        }),
    );
    const port = (server.address() as { port: number }).port;
    const transport = createTcpTransport({ highWaterMark: 16 * 1024, maxQueuedBytes: 256 * 1024 });

    // 1. Congestion, then drain once the peer reads again.
    let drained = 0;
    let closeError: Error | undefined;
    let closed = false;
    const stream = transport.connect(HOST, port, {
      onMessage() {},
      onDrain: () => drained++,
      onClose: (e) => {
        closed = true;
        closeError = e;
      },
    });
    await until(() => peers.length === 1);
    const chunk = dataMessage(0, 100, "x".repeat(1000));
    let accepted = 0;
    while (stream.write(chunk)) accepted++;
    assert.ok(accepted > 0);
    assert.equal(stream.congested, true);
    assert.ok(stream.writableLength > 0);
    peers[0]!.resume();
    await until(() => drained > 0, 3000, "onDrain");
    assert.equal(stream.congested, false);

    // 2. A peer that never reads: the queue is capped and the stream destroyed, not grown without bound.
    peers[0]!.pause();
    for (let i = 0; i < 100_000 && !stream.closed; i++) stream.write(chunk);
    assert.equal(stream.closed, true);
    await until(() => closed);
    assert.match(String(closeError), /send queue of \d+ bytes exceeds 262144/);
    assert.equal(stream.write(chunk), false, "writes after close are refused");
  });

  it("close() flushes what was queued before hanging up; listener.close() drops open streams", async () => {
    const { port, accepted } = await listenRecording();
    let closed = false;
    const client = tcpTransport.connect(HOST, port, {
      onMessage() {},
      onClose: () => {
        closed = true;
      },
    });
    const messages = Array.from({ length: 50 }, (_, i) => dataMessage(i, 100, `flush-${i}`));
    for (const m of messages) client.write(m);
    client.close();
    await until(() => closed && accepted[0]?.closed === true);
    assert.deepEqual(accepted[0]!.messages, messages);

    const listener = await tcpTransport.listen(HOST, 0, () => ({ onMessage() {}, onClose() {} }));
    let closed2 = false;
    tcpTransport.connect(HOST, listener.port, {
      onMessage() {},
      onClose: () => {
        closed2 = true;
      },
    });
    await sleep(20);
    await listener.close();
    await until(() => closed2, 3000, "client sees the listener's close");
  });
});
