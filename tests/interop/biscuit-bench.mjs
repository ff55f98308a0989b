// Times the Biscuit reference implementation (@biscuit-auth/biscuit-wasm) on a token given by A2AGen's benchmark
// command (tests/Benchmarks: `biscuit-reference`). Run with `node --experimental-wasm-modules biscuit-bench.mjs`.
// stdin: {token: base64url, rootPublicKey: hex, authorizer: code, iterations: n}
// stdout (last line): {verifyMicros, verifyAndAuthorizeMicros, authorizeMicros, policy, spuriousTimeouts}: mean µs
// per operation, the policy result, and how many timed authorizations the reference aborted with a (spurious) Timeout.
import { Biscuit, AuthorizerBuilder, KeyPair, PublicKey, SignatureAlgorithm } from '@biscuit-auth/biscuit-wasm';
import { limits, warmUp } from './biscuit-common.mjs';

const input = JSON.parse(await readStdin());
const bytes = new Uint8Array(Buffer.from(input.token, 'base64url'));
const root = PublicKey.fromString(input.rootPublicKey, SignatureAlgorithm.Ed25519);
warmUp();

function verify() { return Biscuit.fromBytes(bytes, root); }
let spuriousTimeouts = 0;
function authorize(token) {
  const builder = new AuthorizerBuilder();
  builder.addCode(input.authorizer);
  const authorizer = builder.buildAuthenticated(token);
  try {
    return authorizer.authorizeWithLimits(limits);
  } catch (e) {
    if (e?.RunLimit !== 'Timeout') throw e;
    spuriousTimeouts++; // see warmUp: counted and reported, not hidden
    return -1;
  } finally {
    authorizer.free();
  }
}

function time(fn) {
  for (let i = 0; i < Math.max(100, input.iterations / 10); i++) fn(); // warm-up (JIT, wasm tiering)
  const start = process.hrtime.bigint();
  for (let i = 0; i < input.iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1000 / input.iterations;
}

const parsed = verify();
for (let i = 0; i < 10; i++) authorize(parsed);
const policy = authorize(parsed);
spuriousTimeouts = 0;
const verifyMicros = time(() => verify().free());
const authorizeMicros = time(() => authorize(parsed));
const verifyAndAuthorizeMicros = time(() => { const t = verify(); authorize(t); t.free(); });
process.stdout.write('\n' + JSON.stringify({ verifyMicros, authorizeMicros, verifyAndAuthorizeMicros, policy, spuriousTimeouts }) + '\n');

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
