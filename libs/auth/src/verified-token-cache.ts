import type { Principal } from '#libs/contracts';

/** A token that passed verification, and the moment (ms since epoch) its `exp` claim is reached. */
export interface VerifiedToken {
  principal: Principal;
  expiresAtMs: number;
}

/**
 * Remembers verified tokens, keyed by the whole token string (signature included, so a token that
 * differs by one byte is verified afresh), until their own `exp`. Verifying a JWT costs an HMAC or
 * signature check per request, while a client sends the same token on every request until it
 * expires. Only successes are stored; the oldest-used entry is evicted beyond `maxEntries`.
 */
export class VerifiedTokenCache {
  // A Map iterates in insertion order; re-inserting on every hit makes its first key the least used.
  private readonly entries = new Map<string, VerifiedToken>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The caller of `token` if it was verified before and its `exp` has not been reached. */
  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    // At `exp` the entry is dropped: the token is verified again, and the verifier decides.
    if (this.now() >= entry.expiresAtMs) return undefined;
    this.entries.set(token, entry);
    // A copy: a request that adds to its principal must not change the next request's.
    return { ...entry.principal };
  }

  remember(token: string, verified: VerifiedToken): void {
    if (this.maxEntries <= 0 || this.now() >= verified.expiresAtMs) return;
    this.entries.delete(token);
    this.entries.set(token, { principal: { ...verified.principal }, expiresAtMs: verified.expiresAtMs });
    while (this.entries.size > this.maxEntries) {
      const leastUsed = this.entries.keys().next();
      if (leastUsed.done) break;
      this.entries.delete(leastUsed.value);
    }
  }
}

/** Serves `token` from `cache` while it holds it, else verifies it and remembers a success. */
export function cachingVerifier(
  verifyUncached: (token: string) => Promise<VerifiedToken>,
  cache: VerifiedTokenCache,
): (token: string) => Promise<Principal> {
  return async (token) => {
    const cached = cache.get(token);
    if (cached) return cached;
    const verified = await verifyUncached(token);
    cache.remember(token, verified);
    return verified.principal;
  };
}
