// An independent signer for A2A request signatures: jose makes the A2A-Signature (DESIGN §6.4) the way any caller
// could, and Node's fetch sends it to an A2AGen agent. Sends a signed SendMessage, the same request again (a replay),
// and the signed token with a changed body, and reports what the agent answered.
// usage: node a2a-jose-signed-request.mjs <endpoint-url> <issuer> <skill>   (stdin: the caller's PKCS#8 PEM key)
// stdout: {kid, results: [{status, body}] (fresh, replay, tampered)}
import * as jose from 'jose';
import { createHash, randomUUID } from 'node:crypto';

const [endpoint, issuer, skill] = process.argv.slice(2);
const pem = await readStdin();
const alg = pem.includes('BEGIN EC PRIVATE KEY') ? 'ES256' : (await sniffAlg(pem));
const privateKey = await jose.importPKCS8(pem, alg, { extractable: true });
const publicJwk = await jose.exportJWK(privateKey);
delete publicJwk.d;
const kid = await jose.calculateJwkThumbprint(publicJwk, 'sha256');

const body = (text) => JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'SendMessage',
  params: { message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text }], metadata: { 'urn:a2agen:skill': skill } } },
});

async function sign(bytes) {
  const now = Math.floor(Date.now() / 1000);
  return new jose.SignJWT({
    htm: 'POST',
    htu: endpoint,
    bh: createHash('sha256').update(bytes).digest('base64url'),
  })
    .setProtectedHeader({ alg, kid, typ: 'a2a-request+jwt' })
    .setIssuer(issuer)
    .setAudience(endpoint)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .setJti(randomUUID())
    .sign(privateKey);
}

async function send(bytes, token) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'a2a-version': '1.0', 'a2a-signature': token },
    body: bytes,
  });
  return { status: response.status, body: await response.json() };
}

const first = Buffer.from(body('signed by jose'));
const token = await sign(first);
const results = [await send(first, token), await send(first, token), await send(Buffer.from(body('changed')), token)];
process.stdout.write(JSON.stringify({ kid, results }));

// Ed25519 and P-256 PKCS#8 keys both say PRIVATE KEY: try EdDSA first.
async function sniffAlg(text) {
  try {
    await jose.importPKCS8(text, 'EdDSA');
    return 'EdDSA';
  } catch {
    return 'ES256';
  }
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
