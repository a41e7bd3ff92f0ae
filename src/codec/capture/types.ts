/** Typed values produced by the capture reader and the payload extractor. */

/**
 * One packet record of a capture file. `bytes[start, end)` is the captured frame, starting with the
 * link-layer header named by `linkType`.
 *
 * Lifetime: `bytes` is the reader's internal buffer or the chunk the caller pushed. It stays valid until
 * the next `CaptureReader.push()`; copy the range (or finish with the packet) before pushing more data.
 * Packets returned by `readCapture(bytes)` point into the caller's `bytes` and stay valid as long as it.
 */
export interface CapturedPacket {
  /**
   * 1-based frame number as tshark (4.0) gives it: packet records in file order; pcapng custom blocks
   * and systemd journal export blocks also take a number (tshark shows them as frames) but are not
   * returned as packets.
   */
  readonly frameNumber: number;
  /** Seconds since 1970-01-01 UTC (pcapng `if_tsoffset` applied). */
  readonly seconds: number;
  /** 0 … 999 999 999. */
  readonly nanoseconds: number;
  /** LINKTYPE_* of the interface the packet was captured on. */
  readonly linkType: number;
  /** pcapng interface id within its section; 0 for pcap. */
  readonly interfaceId: number;
  /** Bytes present in the file (`end - start`). */
  readonly capturedLength: number;
  /** Length of the packet on the wire; larger than `capturedLength` when the snap length cut it. */
  readonly originalLength: number;
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
}

/** A pcapng Interface Description Block as the reader keeps it. */
export interface CaptureInterface {
  readonly linkType: number;
  /** 0 means "no limit". */
  readonly snapLength: number;
  /** The raw if_tsresol value (6 = µs when absent; MSB set = negative power of 2). */
  readonly timestampResolution: number;
  /** if_tsoffset in seconds, 0 when absent. */
  readonly timestampOffset: number;
  /** if_name, when present. */
  readonly name?: string;
}

export type PayloadTransport = "sctp" | "tcp";

/**
 * One SIGTRAN candidate payload found in a captured packet: the user data of one SCTP DATA / I-DATA
 * chunk (or of a reassembled fragmented user message), or one in-order chunk of a TCP byte stream.
 * `bytes[start, end)` is the payload. When nothing had to be reassembled `bytes` is the packet's own
 * buffer (same lifetime as the CapturedPacket); otherwise it is a fresh copy owned by the record.
 */
export interface PayloadRecord {
  readonly transport: PayloadTransport;
  readonly frameNumber: number;
  readonly seconds: number;
  readonly nanoseconds: number;
  /** 4 or 6. */
  readonly ipVersion: number;
  readonly srcIp: string;
  readonly dstIp: string;
  readonly srcPort: number;
  readonly dstPort: number;
  /** SCTP payload protocol identifier (RFC 9260 §3.3.1); 0 for TCP. */
  readonly ppid: number;
  /** SCTP stream identifier; 0 for TCP. */
  readonly stream: number;
  /** SCTP stream sequence number (DATA) or message identifier (I-DATA); 0 for TCP. */
  readonly streamSequence: number;
  /** SCTP TSN of the (first) chunk; TCP sequence number of the first payload byte. */
  readonly sequence: number;
  /** SCTP U flag (unordered delivery). */
  readonly unordered: boolean;
  /** Built from several fragments (IP fragments, SCTP B/E fragments, or TCP segments drained from the out-of-order queue). */
  readonly reassembled: boolean;
  /**
   * TCP only: bytes are missing before this chunk (capture began mid-stream, or a hole was given up after
   * the buffering cap or timeout). A framer must resynchronise on the next message boundary.
   */
  readonly gap: boolean;
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
}
