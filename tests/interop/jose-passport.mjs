// Secure Passport signatures with jose (an independent JOSE implementation) and an RFC 8785 canonicalizer written
// here from the RFC (ES6 JSON.stringify of values, members sorted by UTF-16 code units), so neither side of the
// interop test borrows A2AGen's code.
//
// node jose-passport.mjs sign    stdin: JSON array of {alg: "EdDSA"|"ES256", passport: {clientId, sessionId?, state}, aud?, lifetime?}
//                                stdout: JSON array of {jwk (public), kid, passport (with signature), payload (the JCS string signed)}
// node jose-passport.mjs verify  stdin: JSON array of {jwk (public), passport (with signature), audience?}
//                                stdout: JSON array of {ok: true, header, payload} or {ok: false, error, code}
import * as jose from 'jose';

const mode = process.argv[2];
const requests = JSON.parse(await readStdin());
const results = [];
for (const request of requests) {
  results.push(mode === 'sign' ? await sign(request) : await verify(request));
}
process.stdout.write(JSON.stringify(results));

async function sign(request) {
  const { publicKey, privateKey } = await jose.generateKeyPair(request.alg, { crv: request.alg === 'EdDSA' ? 'Ed25519' : undefined, extractable: true });
  const jwk = await jose.exportJWK(publicKey);
  const kid = await jose.calculateJwkThumbprint(jwk, 'sha256');
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: request.alg, kid, typ: 'a2a-passport+jws', iat: now, exp: now + (request.lifetime ?? 600) };
  if (request.aud) header.aud = request.aud;
  const unsigned = { ...request.passport };
  delete unsigned.signature;
  const payload = canonicalize(unsigned);
  const flattened = await new jose.FlattenedSign(new TextEncoder().encode(payload)).setProtectedHeader(header).sign(privateKey);
  return { jwk, kid, passport: { ...unsigned, signature: `${flattened.protected}..${flattened.signature}` }, payload };
}

async function verify(request) {
  try {
    const key = await jose.importJWK(request.jwk, request.jwk.alg);
    const { signature, ...unsigned } = request.passport;
    const [protectedHeader, empty, signatureValue] = signature.split('.');
    if (empty !== '') throw new Error('the passport signature is not a detached JWS');
    const payload = canonicalize(unsigned);
    const verified = await jose.flattenedVerify(
      { protected: protectedHeader, payload: jose.base64url.encode(payload), signature: signatureValue }, key, { algorithms: ['EdDSA', 'ES256'] });
    const header = verified.protectedHeader;
    if (header.typ !== 'a2a-passport+jws') throw new Error(`typ is ${header.typ}`);
    const now = Math.floor(Date.now() / 1000);
    if (typeof header.iat !== 'number' || typeof header.exp !== 'number') throw new Error('iat and exp must be numbers');
    if (header.exp <= now) throw new Error('the passport expired');
    if (request.audience !== undefined && header.aud !== request.audience) throw new Error(`aud is ${header.aud}`);
    return { ok: true, header, payload };
  } catch (error) {
    return { ok: false, error: String(error.message ?? error), code: error.code ?? null };
  }
}

// RFC 8785: primitives as ES6 JSON.stringify writes them; object members sorted by UTF-16 code units (JavaScript's
// default string order); no whitespace.
function canonicalize(value) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalize).join(',')}]`;
  return `{${Object.keys(value).sort().map(k => `${JSON.stringify(k)}:${canonicalize(value[k])}`).join(',')}}`;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
