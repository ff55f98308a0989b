// What every script that drives the Biscuit reference implementation (@biscuit-auth/biscuit-wasm 0.6.0) needs: the
// explicit run limits A2AGen's tests and benchmarks give it, and a warm-up.
import { Biscuit, AuthorizerBuilder, KeyPair, SignatureAlgorithm } from '@biscuit-auth/biscuit-wasm';

export const limits = { max_facts: 1000, max_iterations: 100, max_time_micro: 1_000_000 };

// biscuit-wasm 0.6.0 reports a spurious RunLimit Timeout on the first authorizations in a process (observed: the
// first two fail after 220 ms and 9 ms with a 1 s or 5 s limit; later ones take under 1 ms): warm it up first.
export function warmUp() {
  const key = new KeyPair(SignatureAlgorithm.Ed25519);
  const builder = Biscuit.builder();
  builder.addCode('w(1);');
  const token = builder.build(key.getPrivateKey());
  for (let i = 0; i < 5; i++) {
    const authorizer = new AuthorizerBuilder();
    authorizer.addCode('time(2026-01-01T00:00:00Z); v($t) <- time($t), $t < 2030-01-01T00:00:00Z, "ab".starts_with("a"); allow if v($t), w(1);');
    try { authorizer.buildAuthenticated(token).authorizeWithLimits(limits); } catch { /* the spurious timeout */ }
  }
}
