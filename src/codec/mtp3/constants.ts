/**
 * MTP level 3 wire values: ITU-T Q.704 §14.2 (service information octet) and §2.2 (routing label), with the
 * ANSI T1.111.4 24-bit label as the alternative variant.
 */

/** Q.704 §14.2.1: service indicator, the low four bits (D C B A) of the SIO. */
export const Mtp3ServiceIndicator = {
  signallingNetworkManagement: 0,
  signallingNetworkTestingAndMaintenance: 1,
  /** ANSI T1.111.4: special maintenance messages; spare in ITU. */
  signallingNetworkTestingAndMaintenanceSpecial: 2,
  sccp: 3,
  tup: 4,
  isup: 5,
  dupCallAndCircuit: 6,
  dupFacilityRegistration: 7,
  mtpTestingUserPart: 8,
  broadbandIsup: 9,
  satelliteIsup: 10,
  aal2Signalling: 12,
  bicc: 13,
  gatewayControlProtocol: 14,
} as const;
export type Mtp3ServiceIndicator = (typeof Mtp3ServiceIndicator)[keyof typeof Mtp3ServiceIndicator];

/** Q.704 §14.2.2: network indicator, bits D C of the subservice field (the SIO's two high bits). */
export const Mtp3NetworkIndicator = {
  international: 0,
  internationalSpare: 1,
  national: 2,
  nationalSpare: 3,
} as const;
export type Mtp3NetworkIndicator = (typeof Mtp3NetworkIndicator)[keyof typeof Mtp3NetworkIndicator];

/** Which routing label format the MSU carries. ITU Q.704 §2.2 is the default. */
export const Mtp3Variant = {
  /** Q.704 §2.2.1: 14-bit DPC, 14-bit OPC, 4-bit SLS packed into 4 octets. */
  itu: "itu",
  /** T1.111.4 §2.2: 24-bit DPC, 24-bit OPC, 8-bit SLS in 7 octets. */
  ansi: "ansi",
} as const;
export type Mtp3Variant = (typeof Mtp3Variant)[keyof typeof Mtp3Variant];

/** Routing label length in octets per variant. */
export const MTP3_LABEL_LENGTH = { itu: 4, ansi: 7 } as const;

/** Largest point code per variant: 14 bits (Q.704 §2.2.2) or 24 bits (T1.111.4 §2.2). */
export const MTP3_MAX_POINT_CODE = { itu: 0x3fff, ansi: 0xffffff } as const;

/** Largest SLS per variant: 4 bits (Q.704 §2.2.4) or one octet (T1.111.4 8-bit SLS). */
export const MTP3_MAX_SLS = { itu: 0x0f, ansi: 0xff } as const;
