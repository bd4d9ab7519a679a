export * from './types.js';
export { RuleInputError, type RuleInputErrorCode } from './errors.js';
export { checkQuorum, requiredPresent } from './quorum.js';
export { decideFormula } from './formula.js';
export { decideAlternatives } from './alternatives.js';
