/**
 * The one rule for ids (people, bodies, sessions, motions, alternatives, kinds, powers), shared by
 * the charter, the proceedings files and every act's payload: whatever an id comes from, the
 * same ids are accepted. No "/" or space, so an id is safe in a URL path or a file name, and it
 * cannot begin with "." (no "." or "..").
 */
import { z } from 'zod';
import { ID_MAX_LENGTH, ID_PATTERN, ID_RULE_WORDS } from './id-rule.js';

export { ID_RULE_WORDS };

export const id = z.string().regex(ID_PATTERN, ID_RULE_WORDS).max(ID_MAX_LENGTH);
