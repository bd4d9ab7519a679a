export * from './model.js';
export { applyAct } from './apply.js';
export { bodyOf, isSealed } from './body.js';
export {
  circulationOf,
  dispatchOf,
  instrumentOf,
  motionIn,
  motionOf,
  requireOpenVote,
} from './lookup.js';
export { requireKnownReferences } from './references.js';
export { decideMotion } from './decide.js';
export { hasKey, holdsKey, personKeys, signsWith } from './authority.js';
export { applyKeyChange, invitationUsed } from './keys.js';
export { bodyAtOpening, charterAt } from './charters.js';
export { grantInForce } from './proxies.js';
export {
  circulationRuleWords,
  decideCirculationIn,
  isSettled,
  openMembers,
  overdueCirculations,
  stillOpenInWords,
  uncountedOf,
  withVoteOf,
} from './circulations.js';
export {
  allDecisions,
  awaitingRatification,
  chainOf,
  decisionOf,
  findDecision,
  isCirculationRef,
  refInWords,
  refKey,
  type DecisionView,
} from './decisions.js';
export { dispatchStatus, nextDispatchNumber } from './dispatches.js';
export {
  awaitingSignature,
  awaitingTurn,
  inForce,
  instrumentContentHash,
  instrumentNumbers,
  isMandate,
  isReceipt,
  mayNowSign,
  nextAfter,
  signatureLine,
  signatureLink,
} from './instruments.js';
export {
  actInWords,
  bodyName,
  bodyNameIn,
  circulationInWords,
  decisionInWords,
  dispatchInWords,
  grantInWords,
  grantScopeInWords,
  instrumentInWords,
  instrumentNamed,
  instrumentTitled,
  motionInWords,
  motionPlace,
  namesOf,
  oneOfInWords,
  explanationNamed,
  flagNamed,
  personName,
  personNameIn,
  notAwaitingInWords,
  quotedText,
  ratifyingEffect,
  ratifyingInWords,
  ratifyingSentence,
  sessionInWords,
} from './names.js';
export { namedFile, namedFiles } from './attachments.js';
export type { NamedFile } from './attachments.js';
