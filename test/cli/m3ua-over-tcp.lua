-- M3UA over TCP for tshark, as the oracle of test/cli/tcp.test.ts.
--
-- RFC 4666 §1.3.2.1 lets M3UA run over TCP, but tshark 4.0 registers its M3UA dissector for SCTP only:
-- `-d tcp.port==2905,m3ua` is refused ("Protocol m3ua isn't valid for layer type tcp.port"). This script
-- adds what is missing and nothing more: TCP's own PDU reassembly (dissect_tcp_pdus) cuts the stream at
-- each M3UA common header's Message Length (RFC 4666 §3.1), and every PDU goes to tshark's M3UA dissector,
-- which hands the Protocol Data to MTP3/SCCP/TCAP/MAP as it does over SCTP.
--
-- Load with: tshark -X lua_script:test/cli/m3ua-over-tcp.lua -o tcp.reassemble_out_of_order:TRUE …

local m3ua_tcp = Proto("m3ua_tcp", "M3UA over TCP (test oracle)")
local m3ua = Dissector.get("m3ua")

-- Length of the PDU starting at `offset`: octets 4..7 of the common header.
local function pdu_length(tvb, pinfo, offset)
  return tvb(offset + 4, 4):uint()
end

local function dissect_pdu(tvb, pinfo, tree)
  m3ua:call(tvb, pinfo, tree)
  return tvb:len()
end

function m3ua_tcp.dissector(tvb, pinfo, tree)
  dissect_tcp_pdus(tvb, tree, 8, pdu_length, dissect_pdu, true)
  return tvb:len()
end

-- IANA: 2905 is M3UA's port over TCP as over SCTP.
DissectorTable.get("tcp.port"):add(2905, m3ua_tcp)
