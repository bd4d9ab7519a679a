export * from './model.js';
export { applyAct } from './apply.js';
export { bodyOf } from './body.js';
export { decideMotion } from './decide.js';
export { expectedKey, personKey } from './authority.js';
export { applyKeyChange } from './keys.js';
