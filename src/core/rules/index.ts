export * from './types.js';
export { RuleInputError, type RuleInputErrorCode } from './errors.js';
export { checkQuorum, requiredPresent, tolerantQuorum } from './quorum.js';
export { namedInFlag } from './explain.js';
export { explanationInWords } from './reading.js';
export { decideFormula, isTie } from './formula.js';
export { decideAlternatives, reservedAlternative } from './alternatives.js';
export {
  ANSWER_CHOICES,
  askedWithVote,
  circulationSettled,
  decideCirculation,
  type AnswerChoice,
  type CirculationAnswer,
  type CirculationQuestion,
} from './circulation.js';
