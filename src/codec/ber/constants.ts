/** X.690 §8.1.2.2: the two high bits of the identifier octet. */
export const BerClass = {
  universal: 0,
  application: 1,
  contextSpecific: 2,
  private: 3,
} as const;
export type BerClass = (typeof BerClass)[keyof typeof BerClass];

/** X.680 §8.4: universal tag numbers used by TCAP and MAP. */
export const UniversalTag = {
  endOfContents: 0,
  boolean: 1,
  integer: 2,
  bitString: 3,
  octetString: 4,
  null: 5,
  objectIdentifier: 6,
  external: 8,
  enumerated: 10,
  utf8String: 12,
  sequence: 16,
  set: 17,
  ia5String: 22,
} as const;

/** Deepest constructed nesting a decoder follows; TCAP/MAP never need more than ~12. */
export const BER_MAX_DEPTH = 64;
/** Largest tag number accepted (4 subsequent octets, X.690 §8.1.2.4). */
export const BER_MAX_TAG_NUMBER = 0x0fffffff;
