// Verifies with jose (an independent JOSE implementation) what A2AGen signed.
// stdin: JSON array of {jwk (public), token, detachedPayload?: string, jwt?: {issuer, audience}}
// stdout: JSON array of {ok: true, payload, header, thumbprint} or {ok: false, error, code}
import * as jose from 'jose';

const requests = JSON.parse(await readStdin());
const results = [];
for (const request of requests) {
  try {
    const key = await jose.importJWK(request.jwk, request.jwk.alg);
    const thumbprint = await jose.calculateJwkThumbprint(request.jwk, 'sha256');
    const algorithms = ['EdDSA', 'ES256'];
    let payload;
    let header;
    if (request.jwt) {
      const verified = await jose.jwtVerify(request.token, key, { algorithms, issuer: request.jwt.issuer, audience: request.jwt.audience, typ: request.jwt.typ });
      payload = JSON.stringify(verified.payload);
      header = verified.protectedHeader;
    } else if (request.detachedPayload !== undefined) {
      const [protectedHeader, empty, signature] = request.token.split('.');
      if (empty !== '') throw new Error('not a detached JWS');
      const verified = await jose.flattenedVerify(
        { protected: protectedHeader, payload: jose.base64url.encode(request.detachedPayload), signature }, key, { algorithms });
      payload = new TextDecoder().decode(verified.payload);
      header = verified.protectedHeader;
    } else {
      const verified = await jose.compactVerify(request.token, key, { algorithms });
      payload = new TextDecoder().decode(verified.payload);
      header = verified.protectedHeader;
    }
    results.push({ ok: true, payload, header, thumbprint });
  } catch (error) {
    results.push({ ok: false, error: String(error.message ?? error), code: error.code ?? null });
  }
}
process.stdout.write(JSON.stringify(results));

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
