import { z } from 'zod';
import type { CreateInsurerPayload } from '#libs/contracts';
import { parseWith, type Checked } from '../rpc/field-errors.js';
import { chainAddress, displayName, entityId } from '../rpc/shapes.js';

const insurerSchema = z.object({ id: entityId, name: displayName, address: chainAddress });

export function parseInsurer(payload: unknown): Checked<CreateInsurerPayload> {
  return parseWith(insurerSchema, payload);
}
