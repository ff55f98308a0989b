// Agent Card signatures with the official A2A JS SDK (@a2a-js/sdk, built on jose).
// stdin: {verify: [{card, jwk}], sign: [{card, alg}], canonicalize: [card]}
// stdout: {verify: [{ok, error?}], sign: [{card (signed), jwk, kid}], canonicalize: [string]}
import * as jose from 'jose';
import { canonicalizeAgentCard, generateAgentCardSignature, verifyAgentCardSignature } from '@a2a-js/sdk';

// stdout carries the JSON answer only; the SDK's own diagnostics go to stderr.
console.log = console.info = console.warn = console.debug = (...args) => console.error(...args);

const input = JSON.parse(await readStdin());
const output = { verify: [], sign: [], canonicalize: [] };

for (const { card, jwk } of input.verify ?? []) {
  try {
    const key = await jose.importJWK(jwk, jwk.alg);
    await verifyAgentCardSignature(async (kid) => {
      if (kid !== jwk.kid) throw new Error(`unknown kid ${kid}`);
      return key;
    })(card);
    output.verify.push({ ok: true });
  } catch (error) {
    output.verify.push({ ok: false, error: String(error.message ?? error) });
  }
}

for (const { card, alg } of input.sign ?? []) {
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { crv: alg === 'EdDSA' ? 'Ed25519' : undefined, extractable: true });
  const jwk = await jose.exportJWK(publicKey);
  const kid = await jose.calculateJwkThumbprint(jwk, 'sha256');
  const signed = await generateAgentCardSignature(privateKey, { alg, kid, typ: 'JOSE' })(card);
  output.sign.push({ card: signed, jwk: { ...jwk, kid, alg }, kid });
}

for (const card of input.canonicalize ?? []) {
  output.canonicalize.push(canonicalizeAgentCard(card));
}

process.stdout.write(JSON.stringify(output));

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
