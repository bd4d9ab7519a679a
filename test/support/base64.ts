/** Base64 spelled otherwise than canonically, as an attacker or a careless encoder may send it. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Every other spelling of the same bytes: the last character with some of its unused low bits
 * set: 15 for a value ending in `==` (a signature), 3 for one ending in `=` (a key).
 */
export function otherSpellings(base64: string): string[] {
  const last = base64.replace(/=+$/, '').length - 1;
  const unused = base64.endsWith('==') ? 0b1111 : base64.endsWith('=') ? 0b11 : 0;
  const value = ALPHABET.indexOf(base64[last]!);
  const spellings: string[] = [];
  for (let bits = 1; bits <= unused; bits++)
    spellings.push(base64.slice(0, last) + ALPHABET[value | bits] + base64.slice(last + 1));
  return spellings;
}
