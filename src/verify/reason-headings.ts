/**
 * What each code of a reason an instrument is refused for is about, in words: a page heads the
 * reason with it, where the code itself is for programs. Apart from the verifier, which a page
 * loads only when someone asks.
 */
export const REASON_HEADINGS: Readonly<Record<string, string>> = {
  'kind-not-accepted': 'Not a kind the policy accepts',
  malformed: 'The bundle cannot be read',
  'not-in-force': 'Not in force',
  'not-issued': 'Not issued',
  'own-keys': 'Not signed with the signers’ own keys',
  'rests-on': 'The decision it rests on',
  'signature-chain': 'The signatures',
  signers: 'The signers',
  'signing-rule': 'The signing rule',
  tampered: 'Changed since it was recorded',
  'untrusted-checkpoint': 'The checkpoint is not one to trust',
  witnesses: 'The witnesses',
};
