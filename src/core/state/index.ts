export * from './model.js';
export { applyAct, bodyOf } from './apply.js';
export { decideMotion } from './decide.js';
export { expectedKey } from './authority.js';
