/** Injection token of the gateway's `DeadLetterStore` (libs/messaging), bound to its NATS connection. */
export const DEAD_LETTER_STORE = Symbol('DEAD_LETTER_STORE');
