import { DecodeError } from "../errors.js";
import { EtherType, LinkType, LoopbackFamily } from "./constants.js";

/** Most VLAN tags walked in one frame (802.1ad QinQ uses two; more is either exotic or hostile). */
export const MAX_VLAN_TAGS = 8;

/**
 * Result of `decodeLinkLayer`: what follows the link-layer header. Reusable: pass the same instance back
 * to avoid an allocation per packet.
 */
export class LinkLayerInfo {
  /**
   * EtherType of the network layer (0x0800 IPv4, 0x86DD IPv6, …). 0 for 802.3 length frames (LLC) and
   * -1 for link types this module does not decode (the frame is left to the caller).
   */
  etherType = 0;
  /** Offset of the network-layer header. */
  networkStart = 0;
  /** Number of 802.1Q / 802.1ad tags walked. */
  vlanCount = 0;
  /** VLAN id (12 bits) of the outermost and the innermost tag; -1 without tags. */
  outerVlan = -1;
  innerVlan = -1;
}

/**
 * Decodes the link-layer header of a captured frame `bytes[start, end)` captured with `linkType`
 * (LINKTYPE_* values). Handles Ethernet II (802.1Q, 802.1ad and 0x9100 tags), Linux cooked SLL and SLL2,
 * raw IP (101, 228, 229) and BSD loopback (0, 108). Unknown link types are not an error: etherType -1.
 */
export function decodeLinkLayer(
  linkType: number,
  bytes: Uint8Array,
  start = 0,
  end = bytes.length,
  out: LinkLayerInfo = new LinkLayerInfo(),
): LinkLayerInfo {
  out.vlanCount = 0;
  out.outerVlan = -1;
  out.innerVlan = -1;
  let at: number;
  let type: number;
  switch (linkType) {
    case LinkType.ethernet:
      // IEEE 802.3 §3.1.1: destination(6) source(6) EtherType/length(2).
      if (end - start < 14) throw new DecodeError("link", start, "Ethernet header is truncated");
      type = (bytes[start + 12]! << 8) | bytes[start + 13]!;
      at = start + 14;
      // Values below 0x0600 are an 802.3 length: an LLC frame, not IP.
      if (type < 0x0600) type = 0;
      break;
    case LinkType.linuxSll:
      // LINKTYPE_LINUX_SLL: packet type(2) ARPHRD(2) address length(2) address(8) protocol(2).
      if (end - start < 16) throw new DecodeError("link", start, "Linux cooked (SLL) header is truncated");
      type = (bytes[start + 14]! << 8) | bytes[start + 15]!;
      at = start + 16;
      break;
    case LinkType.linuxSll2:
      // LINKTYPE_LINUX_SLL2: protocol(2) reserved(2) ifindex(4) ARPHRD(2) packet type(1) addr len(1) addr(8).
      if (end - start < 20) throw new DecodeError("link", start, "Linux cooked (SLL2) header is truncated");
      type = (bytes[start]! << 8) | bytes[start + 1]!;
      at = start + 20;
      break;
    case LinkType.raw:
    case LinkType.ipv4:
    case LinkType.ipv6:
      out.networkStart = start;
      if (linkType === LinkType.ipv4) out.etherType = EtherType.ipv4;
      else if (linkType === LinkType.ipv6) out.etherType = EtherType.ipv6;
      else {
        if (end <= start) throw new DecodeError("link", start, "raw IP frame is empty");
        const version = bytes[start]! >> 4;
        out.etherType = version === 4 ? EtherType.ipv4 : version === 6 ? EtherType.ipv6 : 0;
      }
      return out;
    case LinkType.null:
    case LinkType.loop: {
      if (end - start < 4) throw new DecodeError("link", start, "loopback header is truncated");
      const be =
        ((bytes[start]! << 24) | (bytes[start + 1]! << 16) | (bytes[start + 2]! << 8) | bytes[start + 3]!) >>>
        0;
      // DLT_NULL stores the family in the capturing host's byte order: whichever reading is small is right.
      const family = linkType === LinkType.loop || be <= 0xffff ? be : swap32(be);
      out.networkStart = start + 4;
      out.etherType =
        family === LoopbackFamily.inet
          ? EtherType.ipv4
          : family === LoopbackFamily.inet6Bsd ||
              family === LoopbackFamily.inet6FreeBsd ||
              family === LoopbackFamily.inet6Darwin ||
              family === LoopbackFamily.inet6Linux
            ? EtherType.ipv6
            : 0;
      return out;
    }
    default:
      out.etherType = -1;
      out.networkStart = start;
      return out;
  }
  // IEEE 802.1Q §9.6: a tag is TPID(2, already read as `type`) TCI(2) then the next EtherType.
  while (type === EtherType.vlan || type === EtherType.qinq || type === EtherType.qinqLegacy) {
    if (out.vlanCount === MAX_VLAN_TAGS) throw new DecodeError("link", at, "too many VLAN tags");
    if (end - at < 4) throw new DecodeError("link", at, "VLAN tag is truncated");
    const vid = ((bytes[at]! << 8) | bytes[at + 1]!) & 0x0fff;
    if (out.vlanCount === 0) out.outerVlan = vid;
    out.innerVlan = vid;
    out.vlanCount++;
    type = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    at += 4;
  }
  out.etherType = type;
  out.networkStart = at;
  return out;
}

function swap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}
