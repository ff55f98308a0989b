// Signs with jose (an independent JOSE implementation) so A2AGen can verify the result.
// stdin: JSON array of requests {alg: "EdDSA"|"ES256", payload: string, kid?, typ?, detached?: bool, jwt?: {claims}}
// stdout: JSON array of {jwk (public), token, thumbprint}
import * as jose from 'jose';

const requests = JSON.parse(await readStdin());
const results = [];
for (const request of requests) {
  const { publicKey, privateKey } = await jose.generateKeyPair(request.alg, { crv: request.alg === 'EdDSA' ? 'Ed25519' : undefined, extractable: true });
  const jwk = await jose.exportJWK(publicKey);
  const thumbprint = await jose.calculateJwkThumbprint(jwk, 'sha256');
  const header = { alg: request.alg, kid: request.kid ?? thumbprint };
  if (request.typ) header.typ = request.typ;
  const payload = new TextEncoder().encode(request.payload ?? '');
  let token;
  if (request.jwt) {
    token = await new jose.SignJWT(request.jwt).setProtectedHeader(header).sign(privateKey);
  } else if (request.detached) {
    const flattened = await new jose.FlattenedSign(payload).setProtectedHeader(header).sign(privateKey);
    token = `${flattened.protected}..${flattened.signature}`;
  } else {
    token = await new jose.CompactSign(payload).setProtectedHeader(header).sign(privateKey);
  }
  results.push({ jwk, token, thumbprint });
}
process.stdout.write(JSON.stringify(results));

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
