// Independent check of what an A2AGen host serves, with the official A2A JS SDK and jose over HTTP:
// fetches {agent}/.well-known/agent-card.json, follows the signature's jku to the agent's JWKS (jose's remote key
// set), verifies the card with the SDK's verifyAgentCardSignature, lists any private member the JWKS carries, and,
// when a request-signature token is given, verifies it as a JWT with the same key set.
// usage: node a2a-verify-served-card.mjs <agent-url> [request-token audience]
// stdout: {cardVerified, error?, header, jwksKeys, privateMembers, request?: {verified, error?, claims?, header?}}
import * as jose from 'jose';
import { verifyAgentCardSignature } from '@a2a-js/sdk';

// stdout carries the JSON answer only; the SDK's own diagnostics go to stderr.
console.log = console.info = console.warn = console.debug = (...args) => console.error(...args);

const [agentUrl, token, audience] = process.argv.slice(2);
const cardUrl = agentUrl.replace(/\/$/, '') + '/.well-known/agent-card.json';
const output = { cardVerified: false };

const card = await (await fetch(cardUrl)).json();
const header = jose.decodeProtectedHeader(card.signatures?.[0] ?? {});
output.header = header;

const jwksResponse = await fetch(header.jku);
output.jwksContentType = jwksResponse.headers.get('content-type');
const jwks = await jwksResponse.json();
output.jwksKeys = jwks.keys.length;
const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];
output.privateMembers = jwks.keys.flatMap((key) => Object.keys(key).filter((name) => privateMembers.includes(name)));
output.jwksMembers = [...new Set(jwks.keys.flatMap((key) => Object.keys(key)))].sort();

const remote = jose.createRemoteJWKSet(new URL(header.jku));
try {
  await verifyAgentCardSignature(async (kid, jku) => {
    if (jku !== header.jku) throw new Error(`unexpected jku ${jku}`);
    return remote({ alg: header.alg, kid });
  })(card);
  output.cardVerified = true;
} catch (error) {
  output.error = String(error.message ?? error);
}

if (token) {
  try {
    const { payload, protectedHeader } = await jose.jwtVerify(token, remote, { typ: 'a2a-request+jwt', audience, maxTokenAge: '5m' });
    output.request = { verified: true, claims: payload, header: protectedHeader };
  } catch (error) {
    output.request = { verified: false, error: String(error.message ?? error) };
  }
}

process.stdout.write(JSON.stringify(output));
