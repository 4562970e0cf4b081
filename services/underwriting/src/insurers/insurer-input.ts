import { createInsurerPayload, type CreateInsurerPayload } from '#libs/contracts';
import { parseWith, type Checked } from '#libs/rpc';

export function parseInsurer(payload: unknown): Checked<CreateInsurerPayload> {
  return parseWith(createInsurerPayload, payload);
}
