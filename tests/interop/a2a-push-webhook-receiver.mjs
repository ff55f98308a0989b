// A push-notification webhook written with jose, as a receiver that trusts nothing but the agent's published keys
// would write it: each POST's A2A-Signature is verified against the agent's JWKS (iss = the agent id, aud = htu = this
// webhook's URL, htm = POST, bh = SHA-256 of the exact body, typ a2a-request+jwt, a fresh jti), and the event is
// recorded. The first <fail> POSTs are answered 503 (to test retries); GET /events answers what was recorded.
// usage: node a2a-push-webhook-receiver.mjs <jwks-url> <agent-id> [fail]
// Prints "LISTENING <port>" once it accepts connections; stops when stdin closes.
import * as jose from 'jose';
import { createHash } from 'node:crypto';
import http from 'node:http';

const [jwksUrl, agentId, failText] = process.argv.slice(2);
let failuresLeft = Number(failText ?? '0');
const jwks = jose.createRemoteJWKSet(new URL(jwksUrl));
const seenJti = new Set();
const received = [];
let port = 0;

async function verify(request, body) {
  const url = `http://127.0.0.1:${port}${request.url.split('?')[0]}`;
  const token = request.headers['a2a-signature'];
  if (!token) {
    return { ok: false, problem: 'no A2A-Signature' };
  }
  try {
    const { payload, protectedHeader } = await jose.jwtVerify(token, jwks, {
      issuer: agentId,
      audience: url,
      typ: 'a2a-request+jwt',
      algorithms: ['EdDSA', 'ES256'],
      requiredClaims: ['iat', 'exp', 'jti', 'bh', 'htm', 'htu'],
    });
    if (payload.htm !== 'POST') return { ok: false, problem: 'htm' };
    if (payload.htu !== url) return { ok: false, problem: `htu ${payload.htu} != ${url}` };
    if (payload.bh !== createHash('sha256').update(body).digest('base64url')) return { ok: false, problem: 'bh' };
    if (seenJti.has(payload.jti)) return { ok: false, problem: 'replayed jti' };
    seenJti.add(payload.jti);
    return { ok: true, kid: protectedHeader.kid };
  } catch (e) {
    return { ok: false, problem: `${e.code ?? 'error'}: ${e.message}` };
  }
}

const server = http.createServer(async (request, response) => {
  if (request.method === 'GET' && request.url === '/events') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(received));
    return;
  }
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  if (failuresLeft > 0) {
    failuresLeft--;
    received.push({ failed: true });
    response.writeHead(503);
    response.end();
    return;
  }
  const check = await verify(request, body);
  received.push({
    verified: check.ok,
    problem: check.problem ?? null,
    contentType: request.headers['content-type'] ?? null,
    authorization: request.headers['authorization'] ?? null,
    token: request.headers['x-a2a-notification-token'] ?? null,
    event: JSON.parse(body.toString('utf8')),
  });
  response.writeHead(check.ok ? 200 : 401);
  response.end();
});

server.listen(0, '127.0.0.1', () => {
  port = server.address().port;
  process.stdout.write(`LISTENING ${port}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
