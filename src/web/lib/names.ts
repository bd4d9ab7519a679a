/** People and bodies named as the organization (GET /api/organization) names them. */
import type { BodyInfo, Organization } from './types.js';

/** A person's name, or their id while the organization loads. */
export function nameOf(org: Organization | undefined, id: string | null | undefined): string {
  if (!id) return 'the organization';
  return org?.people.find((p) => p.id === id)?.name ?? id;
}

export function bodyOf(org: Organization | undefined, id: string): BodyInfo | undefined {
  return org?.bodies.find((b) => b.id === id);
}
