/**
 * The valid parts of an invalid charter, as a schema-valid charter: each field that does not
 * validate is replaced by a neutral value, so that reference checks (people, parents, quorums)
 * still run and report their problems beside the schema's.
 */
import { bodySchema, charterSchema, id, majoritySchema, quorumSchema } from './schema.js';
import type { BodyFile, CharterFile } from './schema.js';

const LISTS = new Set(['members', 'candidates', 'powers', 'officers']);
const NEUTRAL_BODY: BodyFile = {
  name: '?',
  members: [],
  quorum: 'majority',
  majority: 'votes-cast',
};

export function salvageCharter(json: unknown): CharterFile | undefined {
  if (!isObject(json)) return undefined;
  const people = isObject(json['people'])
    ? Object.fromEntries(Object.keys(json['people']).map((id) => [id, { name: '?' }]))
    : {};
  const bodies: Record<string, BodyFile> = {};
  for (const [bodyId, raw] of Object.entries(isObject(json['bodies']) ? json['bodies'] : {})) {
    if (!isObject(raw)) continue;
    const body: Record<string, unknown> = { ...NEUTRAL_BODY };
    for (const [key, value] of Object.entries(raw)) {
      const field = bodySchema.shape[key as keyof typeof bodySchema.shape];
      if (field?.safeParse(value).success) body[key] = value;
      else if (LISTS.has(key) && Array.isArray(value))
        body[key] = value.filter((v) => id.safeParse(v).success);
    }
    if (!quorumSchema.safeParse(body['quorum']).success) body['quorum'] = 'majority';
    if (!majoritySchema.safeParse(body['majority']).success) body['majority'] = 'votes-cast';
    bodies[bodyId] = body as BodyFile;
  }
  const salvaged = charterSchema.safeParse({
    collegium: 1,
    organization: { id: 'x', name: '?' },
    people,
    bodies,
  });
  return salvaged.success ? salvaged.data : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
