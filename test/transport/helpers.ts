/** Shared pieces of the transport tests: waiting on events, DATA messages, and a wire recorder. */
import type { EventEmitter } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";
import { DecodeError } from "../../src/codec/errors.js";
import {
  decodeM3ua,
  encodeM3ua,
  type M3uaMessage,
  M3uaStreamFramer,
  m3uaData,
  m3uaMessageName,
} from "../../src/codec/m3ua/index.js";
import type { SigtranStreamHandlers, SigtranTransport } from "../../src/transport/index.js";
import { tcpTransport } from "../../src/transport/index.js";

export const HOST = "127.0.0.1";

/** Resolves with the arguments of the first `event` for which `accept` holds; rejects after `ms`. */
export function once<A extends unknown[]>(
  emitter: EventEmitter,
  event: string,
  accept: (...args: A) => boolean = () => true,
  ms = 3000,
): Promise<A> {
  return new Promise((resolve, reject) => {
    const listener = (...args: unknown[]) => {
      if (!accept(...(args as A))) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args as A);
    };
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out after ${ms} ms waiting for "${event}"`));
    }, ms);
    emitter.on(event, listener);
  });
}

/** Polls `condition` every 5 ms; rejects after `ms`. */
export async function until(condition: () => boolean, ms = 3000, what = "condition"): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** An encoded DATA message (RFC 4666 §3.3.1) with an SCCP-looking payload that names `tag`. */
export function dataMessage(sls: number, routingContext: number | undefined, tag: string): Buffer {
  const userData = Buffer.from(`\x09\x81\x03sccp-${tag}`, "latin1");
  return encodeM3ua(
    m3uaData({ opc: 1001, dpc: 2002, si: 3, ni: 2, mp: 0, sls }, userData, {
      ...(routingContext !== undefined ? { routingContext } : {}),
    }),
  );
}

/** One message seen on the wire by a `RecordingTransport`. */
export interface WireRecord {
  /** "out" = written by the side using the transport, "in" = received by it. */
  direction: "in" | "out";
  /** RFC 4666 acronym ("ASPUP", "NTFY", …). */
  name: string;
  /** Undefined when `decodeM3ua` refused the bytes (a test sending malformed messages). */
  message: M3uaMessage | undefined;
  bytes: Buffer;
}

/**
 * Wraps a transport and decodes, with the codec's `decodeM3ua`, every whole message written or delivered
 * through it, so tests can assert the RFC 4666 §3.5-§3.8 fields the peers actually exchanged.
 */
export class RecordingTransport implements SigtranTransport {
  readonly log: WireRecord[] = [];
  constructor(private readonly inner: SigtranTransport = tcpTransport) {}

  private record(direction: "in" | "out", bytes: Uint8Array, start = 0, end = bytes.length): void {
    const copy = Buffer.from(bytes.subarray(start, end));
    let message: M3uaMessage | undefined;
    try {
      message = decodeM3ua(copy);
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
    }
    const name = message
      ? (m3uaMessageName(message.messageClass, message.messageType) ?? "?")
      : "undecodable";
    this.log.push({ direction, name, message, bytes: copy });
  }

  private wrapHandlers(h: SigtranStreamHandlers): SigtranStreamHandlers {
    return {
      onMessage: (bytes, start, end) => {
        this.record("in", bytes, start, end);
        h.onMessage(bytes, start, end);
      },
      onClose: (e) => h.onClose(e),
      onOpen: () => h.onOpen?.(),
      onDrain: () => h.onDrain?.(),
    };
  }

  private wrapStream<S extends { write(b: Uint8Array): boolean }>(s: S): S {
    const write = s.write.bind(s);
    s.write = (b: Uint8Array) => {
      this.record("out", b);
      return write(b);
    };
    return s;
  }

  connect(host: string, port: number, handlers: SigtranStreamHandlers) {
    return this.wrapStream(this.inner.connect(host, port, this.wrapHandlers(handlers)));
  }

  listen(host: string, port: number, onStream: Parameters<SigtranTransport["listen"]>[2]) {
    return this.inner.listen(host, port, (s) => this.wrapHandlers(onStream(this.wrapStream(s))));
  }

  /** The names of the recorded messages in one direction. */
  names(direction: "in" | "out"): string[] {
    return this.log.filter((r) => r.direction === direction).map((r) => r.name);
  }

  /** Recorded messages named `name` in `direction`. */
  find(direction: "in" | "out", name: string): WireRecord[] {
    return this.log.filter((r) => r.direction === direction && r.name === name);
  }
}

/**
 * A hand-written SGP over raw TCP for failure cases: answers ASPUP and ASPAC through `answer`, which
 * returns the replies (or none) for each decoded message.
 */
export class RawPeer {
  readonly sockets = new Set<Socket>();
  readonly received: M3uaMessage[] = [];
  private server: Server | undefined;
  port = 0;

  constructor(private readonly answer: (m: M3uaMessage, socket: Socket) => Uint8Array[]) {}

  async listen(port = 0): Promise<number> {
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("error", () => {});
      const framer = new M3uaStreamFramer();
      socket.on("data", (chunk) => {
        framer.push(chunk);
        for (let f = framer.pull(); f !== null; f = framer.pull()) {
          const m = decodeM3ua(Buffer.from(f));
          this.received.push(m);
          for (const reply of this.answer(m, socket)) socket.write(reply);
        }
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, HOST, resolve));
    const address = server.address();
    this.port = typeof address === "object" && address ? address.port : port;
    return this.port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A hand-written ASP over raw TCP: sends whatever bytes a test gives it and decodes what comes back. */
export class RawClient {
  readonly received: M3uaMessage[] = [];
  closed = false;
  private readonly framer = new M3uaStreamFramer();

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk) => {
      this.framer.push(chunk);
      for (let f = this.framer.pull(); f !== null; f = this.framer.pull()) {
        this.received.push(decodeM3ua(Buffer.from(f)));
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      this.closed = true;
    });
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: HOST, port }, () => {
        socket.off("error", reject);
        resolve(new RawClient(socket));
      });
      socket.once("error", reject);
    });
  }

  send(...messages: Uint8Array[]): void {
    for (const m of messages) this.socket.write(m);
  }

  /** Waits for a received message named `name` (RFC 4666 acronym) after the first `skip` ones of that name. */
  async expect(name: string, skip = 0, ms = 3000): Promise<M3uaMessage> {
    const named = () => this.received.filter((m) => m3uaMessageName(m.messageClass, m.messageType) === name);
    await until(() => named().length > skip, ms, `${name} from the peer`);
    return named()[skip]!;
  }

  /** The acronyms of everything received so far. */
  names(): string[] {
    return this.received.map((m) => m3uaMessageName(m.messageClass, m.messageType) ?? "?");
  }

  close(): void {
    this.socket.destroy();
  }
}
