/**
 * Wire values for capture files (pcap, pcapng) and the network layers between a captured frame and its
 * SS7 payload. One table per protocol, used by both the decoders and the writer/builders.
 */

/** draft-ietf-opsawg-pcap §4: file header magic as read in the writer's byte order. */
export const PcapMagic = {
  microseconds: 0xa1b2c3d4,
  nanoseconds: 0xa1b23c4d,
} as const;

/** draft-ietf-opsawg-pcapng §4: block type codes. */
export const PcapngBlockType = {
  interfaceDescription: 0x00000001,
  /** §A: obsolete Packet Block, still written by old tools. */
  packet: 0x00000002,
  simplePacket: 0x00000003,
  nameResolution: 0x00000004,
  interfaceStatistics: 0x00000005,
  enhancedPacket: 0x00000006,
  systemdJournalExport: 0x00000009,
  decryptionSecrets: 0x0000000a,
  customCopiable: 0x00000bad,
  customNonCopiable: 0x40000bad,
  /** "\r\n\n\r": palindromic so it reads the same in either byte order. */
  sectionHeader: 0x0a0d0d0a,
} as const;
export type PcapngBlockType = (typeof PcapngBlockType)[keyof typeof PcapngBlockType];

/** pcapng §4.1: Byte-Order Magic of the Section Header Block. */
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** pcapng §3.5 and §4.2: the option codes this reader interprets. */
export const PcapngOption = {
  endOfOptions: 0,
  comment: 1,
  ifName: 2,
  ifTsresol: 9,
  ifTsoffset: 14,
} as const;

/** tcpdump.org link-layer header types (LINKTYPE_*), the ones this pipeline decodes or writes. */
export const LinkType = {
  /** BSD loopback: 4-byte address family in the capturing host's byte order. */
  null: 0,
  ethernet: 1,
  raw: 101,
  /** OpenBSD loopback: 4-byte address family in network byte order. */
  loop: 108,
  linuxSll: 113,
  /** SS7 without IP: not decoded here, the caller can hand these to MTP2/MTP3 itself. */
  mtp2WithPseudoHeader: 139,
  mtp2: 140,
  mtp3: 141,
  ipv4: 228,
  ipv6: 229,
  linuxSll2: 276,
} as const;
export type LinkType = (typeof LinkType)[keyof typeof LinkType];

/** IEEE 802 EtherType values met between the link layer and IP. */
export const EtherType = {
  ipv4: 0x0800,
  arp: 0x0806,
  /** IEEE 802.1Q customer VLAN tag. */
  vlan: 0x8100,
  ipv6: 0x86dd,
  /** IEEE 802.1ad service VLAN tag (QinQ outer tag). */
  qinq: 0x88a8,
  /** Pre-standard QinQ outer tag still used by some switches. */
  qinqLegacy: 0x9100,
} as const;

/** IANA "Assigned Internet Protocol Numbers" used as IPv4 protocol / IPv6 next header. */
export const IpProtocol = {
  hopByHop: 0,
  tcp: 6,
  udp: 17,
  ipv6Routing: 43,
  ipv6Fragment: 44,
  esp: 50,
  authenticationHeader: 51,
  ipv6NoNextHeader: 59,
  ipv6DestinationOptions: 60,
  sctp: 132,
} as const;

/** Address family values found in DLT_NULL / DLT_LOOP headers (they differ per operating system). */
export const LoopbackFamily = {
  inet: 2,
  /** NetBSD, OpenBSD, BSD/OS. */
  inet6Bsd: 24,
  /** FreeBSD, DragonFly BSD. */
  inet6FreeBsd: 28,
  /** macOS / Darwin. */
  inet6Darwin: 30,
  /** Linux (only seen when a Linux host writes DLT_NULL). */
  inet6Linux: 10,
} as const;

/** RFC 9260 §3.2 chunk types (and RFC 8260 §2.1 I-DATA). */
export const SctpChunkType = {
  data: 0,
  init: 1,
  initAck: 2,
  sack: 3,
  heartbeat: 4,
  heartbeatAck: 5,
  abort: 6,
  shutdown: 7,
  shutdownAck: 8,
  error: 9,
  cookieEcho: 10,
  cookieAck: 11,
  shutdownComplete: 14,
  iData: 64,
} as const;

/** RFC 9260 §3.3.1 DATA chunk flags (RFC 8260 §2.1 uses the same bits for I-DATA). */
export const SctpDataFlag = {
  ending: 0x01,
  beginning: 0x02,
  unordered: 0x04,
  /** RFC 7053 I bit: SACK immediately. */
  immediate: 0x08,
} as const;

/** IANA SCTP Payload Protocol Identifiers relevant to SIGTRAN. */
export const SctpPpid = {
  unspecified: 0,
  iua: 1,
  m2ua: 2,
  m3ua: 3,
  sua: 4,
  m2pa: 5,
} as const;

/** IANA well-known ports used for decode-as when the PPID is 0 (RFC 4666 §1.4.8, RFC 4165 §1.4.9). */
export const SigtranPort = {
  m3ua: 2905,
  sua: 14001,
  m2pa: 3565,
} as const;

/** RFC 9293 §3.1 TCP control bits. */
export const TcpFlag = {
  fin: 0x01,
  syn: 0x02,
  rst: 0x04,
  psh: 0x08,
  ack: 0x10,
  urg: 0x20,
  ece: 0x40,
  cwr: 0x80,
} as const;

/**
 * Default cap on one capture record (pcap record header + data, or one whole pcapng block). tcpdump's
 * default snap length is 262 144 bytes; the extra 64 KiB leaves room for headers and pcapng options.
 * A length field above the cap is taken to be a lie, so a corrupt file cannot make the reader buffer
 * without bound.
 */
export const DEFAULT_MAX_RECORD_BYTES = 262_144 + 65_536;
