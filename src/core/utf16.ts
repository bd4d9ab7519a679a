/** The halves of a surrogate pair, as JavaScript strings hold characters past U+FFFF. */
export const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
export const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
export const isSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdfff;
