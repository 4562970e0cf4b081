import { Claim } from './claim.entity.js';
import { ClaimLine } from './claim-line.entity.js';
import { TimelineEntryRow } from './timeline-entry.entity.js';

export const claimsEntities = [Claim, ClaimLine, TimelineEntryRow];
