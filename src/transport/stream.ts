/**
 * The transport under M3UA. RFC 4666 §1.3.2.1 runs M3UA over SCTP, and allows other reliable transports;
 * this machine's kernel has no SCTP, so the one implementation here is TCP. The M3UA layer (asp.ts,
 * sgp.ts) sees only `SigtranTransport`/`SigtranStream`: whole M3UA messages in, whole messages out. An SCTP
 * transport (a native addon with one message per DATA chunk) can plug in behind the same two interfaces.
 */
import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";
import { DecodeError } from "../codec/errors.js";
import { M3uaErrorCode, M3uaStreamFramer } from "../codec/m3ua/index.js";
import { errorMessage } from "./messages.js";

/** What a stream tells its owner. Callbacks run synchronously from socket events. */
export interface SigtranStreamHandlers {
  /**
   * One whole M3UA message, `bytes[start, end)`: a view, not a copy. The bytes stay valid and unchanged
   * after the callback returns (they may be forwarded as they are), but must not be modified.
   */
  onMessage(bytes: Uint8Array, start: number, end: number): void;
  /** The stream is closed for good; `error` says why when it did not end normally. Called once. */
  onClose(error?: Error): void;
  /** A client stream's connection is established (never called for accepted streams, which are open). */
  onOpen?(): void;
  /** The send queue has emptied after a `write` returned false. */
  onDrain?(): void;
}

/** One association: a connection carrying M3UA messages. */
export interface SigtranStream {
  /** `host:port` of the peer (for logs). */
  readonly remote: string;
  /** Bytes queued in user space for sending (written but not yet handed to the kernel). */
  readonly writableLength: number;
  /** The last `write` returned false and no drain has happened since: the peer is not keeping up. */
  readonly congested: boolean;
  /** `close` or `destroy` was called, or the connection ended: writes are dropped. */
  readonly closed: boolean;
  /**
   * Sends one whole M3UA message. Returns false when the send queue is over its high-water mark (the
   * message is still queued; wait for `onDrain`) or the stream is closed (the message is dropped). The
   * bytes are referenced, not copied, until sent: do not modify them.
   */
  write(bytes: Uint8Array): boolean;
  /** Graceful close: queued messages are flushed first, then the connection is torn down. */
  close(): void;
  /** Immediate close; queued messages are lost. */
  destroy(error?: Error): void;
}

/** A listening endpoint. */
export interface SigtranListener {
  /** The port actually bound (useful when listening on port 0). */
  readonly port: number;
  /** Stops accepting, destroys every stream still open, resolves when the port is released. */
  close(): Promise<void>;
}

export interface SigtranTransport {
  /** Opens a client association; connection failures arrive as `onClose(error)`. */
  connect(host: string, port: number, handlers: SigtranStreamHandlers): SigtranStream;
  /** Accepts associations; `onStream` is called for each and returns the handlers for it. */
  listen(
    host: string,
    port: number,
    onStream: (stream: SigtranStream) => SigtranStreamHandlers,
  ): Promise<SigtranListener>;
}

export interface TcpTransportOptions {
  /**
   * A stream whose send queue grows past this many bytes is destroyed (the peer stopped reading): memory
   * stays bounded whatever the peer does. Default 8 MiB. The M3UA layer above reconnects.
   */
  maxQueuedBytes?: number;
  /** Send queue high-water mark: `write` returns false above it. Default 64 KiB. */
  highWaterMark?: number;
  /** How long `close()` waits for the queue to flush before destroying. Default 2000 ms. */
  closeTimeoutMs?: number;
  /** TCP keep-alive probe delay, 0 = off. Default 15 000 ms (M3UA heartbeats are the primary liveness check). */
  keepAliveMs?: number;
}

const NO_HANDLERS: SigtranStreamHandlers = { onMessage() {}, onClose() {} };

/** RFC 4666 §3.8.1: the error code for a stream the framer gave up on. */
function framingErrorCode(error: DecodeError): number {
  return error.reason.startsWith("version ") ? M3uaErrorCode.invalidVersion : M3uaErrorCode.protocolError;
}

class TcpStream implements SigtranStream {
  readonly remote: string;
  handlers: SigtranStreamHandlers;
  congested = false;
  closed = false;
  private readonly framer = new M3uaStreamFramer();
  private ended = false;
  private error: Error | undefined;
  private closeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: Socket,
    remote: string,
    handlers: SigtranStreamHandlers,
    private readonly options: Required<TcpTransportOptions>,
  ) {
    this.remote = remote;
    this.handlers = handlers;
    socket.setNoDelay(true);
    if (options.keepAliveMs > 0) socket.setKeepAlive(true, options.keepAliveMs);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("drain", () => {
      this.congested = false;
      if (!this.closed) this.handlers.onDrain?.();
    });
    socket.on("error", (err) => {
      this.error ??= err;
    });
    socket.on("close", () => this.onSocketClose());
  }

  get writableLength(): number {
    return this.socket.writableLength;
  }

  write(bytes: Uint8Array): boolean {
    if (this.closed) return false;
    const below = this.socket.write(bytes);
    const queued = this.socket.writableLength;
    if (queued > this.options.maxQueuedBytes) {
      this.destroy(new Error(`send queue of ${queued} bytes exceeds ${this.options.maxQueuedBytes}`));
      return false;
    }
    if (!below || queued > this.options.highWaterMark) {
      this.congested = true;
      return false;
    }
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.end(() => this.socket.destroy());
    this.closeTimer = setTimeout(() => this.socket.destroy(), this.options.closeTimeoutMs);
  }

  destroy(error?: Error): void {
    if (error) this.error ??= error;
    this.closed = true;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    const framer = this.framer;
    try {
      framer.push(chunk);
      while (!this.closed && framer.next()) {
        this.handlers.onMessage(framer.frameBytes, framer.frameStart, framer.frameEnd);
      }
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      // A byte stream cannot be resynchronised after a bad header: tell the peer why and hang up.
      this.error ??= err;
      if (!this.closed) {
        this.socket.write(errorMessage(framingErrorCode(err)));
        this.close();
      }
    }
  }

  private onSocketClose(): void {
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closed = true;
    if (this.ended) return;
    this.ended = true;
    const handlers = this.handlers;
    this.handlers = NO_HANDLERS;
    handlers.onClose(this.error);
  }
}

/** M3UA over TCP with Nagle off (TCP_NODELAY), framed by the common header's length (RFC 4666 §3.1). */
export function createTcpTransport(options: TcpTransportOptions = {}): SigtranTransport {
  const o: Required<TcpTransportOptions> = {
    maxQueuedBytes: options.maxQueuedBytes ?? 8 * 1024 * 1024,
    highWaterMark: options.highWaterMark ?? 64 * 1024,
    closeTimeoutMs: options.closeTimeoutMs ?? 2000,
    keepAliveMs: options.keepAliveMs ?? 15_000,
  };
  return {
    connect(host, port, handlers) {
      const socket = tcpConnect({ host, port, noDelay: true });
      const stream = new TcpStream(socket, `${host}:${port}`, handlers, o);
      socket.once("connect", () => {
        if (!stream.closed) stream.handlers.onOpen?.();
      });
      return stream;
    },
    listen(host, port, onStream) {
      const open = new Set<TcpStream>();
      const server: Server = createServer({ noDelay: true }, (socket) => {
        const stream = new TcpStream(socket, `${socket.remoteAddress}:${socket.remotePort}`, NO_HANDLERS, o);
        open.add(stream);
        socket.once("close", () => open.delete(stream));
        stream.handlers = onStream(stream);
      });
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          // Accept failures (EMFILE…) must not take the process down; the listener keeps going.
          server.on("error", () => {});
          const address = server.address();
          const bound = typeof address === "object" && address !== null ? address.port : port;
          resolve({
            port: bound,
            close: () =>
              new Promise<void>((done) => {
                server.close(() => done());
                for (const s of open) s.destroy();
              }),
          });
        });
      });
    },
  };
}

/** The default TCP transport. */
export const tcpTransport: SigtranTransport = createTcpTransport();
