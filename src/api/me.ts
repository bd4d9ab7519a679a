/**
 * Who is asking (GET /api/me) as the server answers it and the web reads it: the person, their
 * roles, demo mode, the CSRF token, the organization, and the limits of what the server takes,
 * so that a page can tell at once what it would refuse. Imports nothing that needs Node.
 */
import { z } from 'zod';
import { id } from '../core/payloads.js';

export const meAnswer = z.object({
  person: id.nullable(),
  name: z.string().nullable(),
  roles: z.array(
    z.object({ body: id, role: z.enum(['chair', 'secretary', 'officer', 'member', 'candidate']) }),
  ),
  demo: z.boolean(),
  csrf: z.string().describe('send as X-CSRF-Token with every POST'),
  organization: z.object({ id, name: z.string(), log: z.string() }),
  key: z
    .string()
    .nullable()
    .describe('the key this session signed in with, base64 (null by demo login)'),
  keys: z.array(z.string()).describe('every key the record has for the person, newest first'),
  limits: z
    .object({
      attachmentBytes: z
        .int()
        .describe('the largest file an act may carry (COLLEGIUM_MAX_ATTACHMENT), in bytes'),
    })
    .describe('what the server takes'),
});
export type Me = z.infer<typeof meAnswer>;
