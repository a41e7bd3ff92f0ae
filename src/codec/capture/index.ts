/**
 * Packet captures down to the SS7 payload: pcap / pcapng reading and writing, link layers, IPv4 / IPv6
 * with fragment reassembly, SCTP (DATA, I-DATA, message reassembly) and TCP stream reassembly.
 * Pure: no I/O, no clocks (reassembly timeouts follow packet timestamps).
 */
export {
  type FragmentOptions,
  type FrameSpec,
  fragmentIp,
  PacketBuilder,
  type SctpDataChunkSpec,
  type SctpPacketSpec,
  type SctpRawChunkSpec,
  type TcpSegmentSpec,
} from "./build.js";
export {
  crc32c,
  crc32cUpdate,
  finishInternetChecksum,
  onesComplementSum,
  sctpChecksum,
  sctpChecksumValid,
} from "./checksum.js";
export {
  DEFAULT_MAX_RECORD_BYTES,
  EtherType,
  IpProtocol,
  LinkType,
  LoopbackFamily,
  PCAPNG_BYTE_ORDER_MAGIC,
  PcapMagic,
  PcapngBlockType,
  PcapngOption,
  SctpChunkType,
  SctpDataFlag,
  SctpPpid,
  SigtranPort,
  TcpFlag,
} from "./constants.js";
export {
  type ExtractPayloadsOptions,
  extractPayloads,
  PayloadExtractor,
  type PayloadExtractorOptions,
  type PayloadExtractorStats,
  type SigtranProtocol,
  sigtranProtocol,
} from "./extract.js";
export {
  decodeIpv4,
  decodeIpv6,
  formatIpv4,
  formatIpv6,
  IpFragmentReassembler,
  IpHeader,
  type IpReassemblyLimits,
  type IpReassemblyStats,
  MAX_IPV6_EXTENSION_HEADERS,
  parseIpAddress,
  walkIpv6Extensions,
} from "./ip.js";
export { decodeLinkLayer, LinkLayerInfo, MAX_VLAN_TAGS } from "./link.js";
export { type CaptureFormat, CaptureReader, type CaptureReaderOptions, readCapture } from "./reader.js";
export {
  decodeSctpPacket,
  SCTP_COMMON_HEADER,
  SCTP_DATA_HEADER,
  SCTP_IDATA_HEADER,
  type SctpChunk,
  SctpChunkCursor,
  type SctpMessage,
  SctpMessageReassembler,
  type SctpPacket,
  type SctpReassemblyLimits,
  type SctpReassemblyStats,
} from "./sctp.js";
export {
  decodeTcpHeader,
  decodeTcpOptions,
  TcpHeader,
  type TcpOption,
  type TcpReassemblyLimits,
  type TcpReassemblyStats,
  TcpStreamReassembler,
  type TcpStreamSink,
} from "./tcp.js";
export type { CapturedPacket, CaptureInterface, PayloadRecord, PayloadTransport } from "./types.js";
export { type PcapngInterfaceOptions, PcapWriter, type PcapWriterOptions } from "./writer.js";
