import { toOpenApi31 } from './openapi-31.js';

describe('toOpenApi31', () => {
  it('sets the version and turns nullable into a null type', () => {
    const converted = toOpenApi31({
      openapi: '3.0.0',
      components: {
        schemas: {
          Claim: {
            type: 'object',
            properties: {
              currency: { type: 'string', nullable: true },
              payout: { $ref: '#/components/schemas/Payout', nullable: true },
              id: { type: 'string', nullable: false },
            },
          },
        },
      },
    });
    expect(converted.openapi).toBe('3.1.0');
    expect(converted.components.schemas.Claim.properties).toEqual({
      currency: { type: ['string', 'null'] },
      payout: { oneOf: [{ $ref: '#/components/schemas/Payout' }, { type: 'null' }] },
      id: { type: 'string' },
    });
  });
});
