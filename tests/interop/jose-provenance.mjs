// Provenance envelopes (docs/provenance.md) with jose, independently of A2AGen: the RFC 8785 canonicalizer, the
// digests and the chain walk are written here from the document, and jose does the JWS.
//
// The request's shape picks the mode (a request with "steps" signs).
//
// node jose-provenance.mjs   verify: stdin: {jwks: {<agent id>: <JWK Set>}, items: [<artifact or message JSON carrying an envelope>]}
//                                    stdout: [{contentId, links: [{iss, ok, kid, alg, depth, error?}]}] — every envelope of every chain
// node jose-provenance.mjs   sign:   stdin: {iat: <seconds>, steps: [{agent, alg, artifact, taskId, contextId, parents: [<index of an earlier step>]}]}
//                                    stdout: {jwks: {<agent id>: <JWK Set>}, artifacts: [<artifact JSON carrying its envelope>]}
import * as jose from 'jose';
import { createHash } from 'node:crypto';

const KEY = 'urn:a2agen:ext:provenance:v1';
const TYP = 'a2a-provenance+jws';
const input = JSON.parse(await readStdin());
process.stdout.write(JSON.stringify(input.steps ? await sign(input) : await verify(input)));

async function verify({ jwks, items }) {
  const sets = Object.fromEntries(Object.entries(jwks).map(([id, set]) => [id, jose.createLocalJWKSet(set)]));
  const results = [];
  for (const item of items) {
    const envelope = item.metadata[KEY];
    const links = [];
    // The content's own envelope: content digest, then signature.
    const contentError = envelope.statement.digest === contentDigest(item) ? null : 'content digest mismatch';
    links.push({ ...(await verifyEnvelope(envelope, sets)), depth: 0, ...(contentError ? { ok: false, error: contentError } : {}) });
    // Parents: found among the carried ancestors by envelope digest.
    const byDigest = new Map((envelope.ancestors ?? []).map(a => [envelopeDigest(a), a]));
    const queue = (envelope.statement.parents ?? []).map(p => ({ link: p, depth: 1 }));
    const seen = new Set();
    while (queue.length > 0) {
      const { link, depth } = queue.shift();
      if (seen.has(link.digest)) continue;
      seen.add(link.digest);
      const parent = byDigest.get(link.digest);
      if (!parent) { links.push({ iss: link.iss, ok: false, depth, error: 'parent not found' }); continue; }
      const checked = await verifyEnvelope(parent, sets);
      if (parent.statement.iss !== link.iss) Object.assign(checked, { ok: false, error: 'issuer mismatch' });
      links.push({ ...checked, depth });
      for (const p of parent.statement.parents ?? []) queue.push({ link: p, depth: depth + 1 });
    }
    results.push({ contentId: item.artifactId ?? item.messageId, links });
  }
  return results;
}

async function verifyEnvelope(envelope, sets) {
  const iss = envelope.statement.iss;
  try {
    const [protectedHeader, empty, signature] = envelope.signature.split('.');
    if (empty !== '') throw new Error('not a detached JWS');
    if (!sets[iss]) throw new Error(`no keys for ${iss}`);
    const payload = jose.base64url.encode(canonicalize(envelope.statement));
    const verified = await jose.flattenedVerify({ protected: protectedHeader, payload, signature }, sets[iss], { algorithms: ['EdDSA', 'ES256'] });
    if (verified.protectedHeader.typ !== TYP) throw new Error(`typ is ${verified.protectedHeader.typ}`);
    return { iss, ok: true, kid: verified.protectedHeader.kid, alg: verified.protectedHeader.alg };
  } catch (error) {
    return { iss, ok: false, error: String(error.message ?? error) };
  }
}

async function sign({ iat, steps }) {
  const keys = {};
  const jwks = {};
  const envelopes = [];
  const artifacts = [];
  for (const step of steps) {
    if (!keys[step.agent]) {
      const { publicKey, privateKey } = await jose.generateKeyPair(step.alg, { crv: step.alg === 'EdDSA' ? 'Ed25519' : undefined, extractable: true });
      const jwk = await jose.exportJWK(publicKey);
      jwk.kid = await jose.calculateJwkThumbprint(jwk, 'sha256');
      keys[step.agent] = { privateKey, kid: jwk.kid, alg: step.alg };
      jwks[step.agent] = { keys: [jwk] };
    }
    const { privateKey, kid, alg } = keys[step.agent];
    const parents = step.parents.map(i => envelopes[i]);
    const statement = {
      v: 1,
      iss: step.agent,
      kind: 'artifact',
      digest: contentDigest(step.artifact),
      taskId: step.taskId,
      contextId: step.contextId,
      artifactId: step.artifact.artifactId,
      iat,
    };
    if (parents.length > 0) statement.parents = parents.map(p => ({ digest: envelopeDigest(p), iss: p.statement.iss }));
    const jws = await new jose.FlattenedSign(new TextEncoder().encode(canonicalize(statement)))
      .setProtectedHeader({ alg, kid, typ: TYP })
      .sign(privateKey);
    const envelope = { statement, signature: `${jws.protected}..${jws.signature}` };
    envelopes.push(envelope);
    // Carried ancestors: the parents and everything they carry, once each, without their own ancestors.
    const ancestors = [];
    const carried = new Set();
    for (const p of parents) {
      for (const a of [p, ...(p.carried ?? [])]) {
        const digest = envelopeDigest(a);
        if (!carried.has(digest)) { carried.add(digest); ancestors.push({ statement: a.statement, signature: a.signature }); }
      }
    }
    envelope.carried = ancestors;
    const metadata = { ...(step.artifact.metadata ?? {}), [KEY]: ancestors.length > 0 ? { statement, signature: envelope.signature, ancestors } : { statement, signature: envelope.signature } };
    artifacts.push({ ...step.artifact, metadata });
  }
  return { jwks, artifacts };
}

// The content digest: JCS of the artifact or message without the envelope's metadata key (and without metadata if then empty).
function contentDigest(content) {
  const copy = { ...content };
  if (copy.metadata) {
    const metadata = { ...copy.metadata };
    delete metadata[KEY];
    if (Object.keys(metadata).length === 0) delete copy.metadata; else copy.metadata = metadata;
  }
  return digest(canonicalize(copy));
}

// The envelope digest: JCS of {signature, statement} (no ancestors).
function envelopeDigest(envelope) {
  return digest(canonicalize({ statement: envelope.statement, signature: envelope.signature }));
}

function digest(text) {
  return 'sha-256:' + createHash('sha256').update(text, 'utf8').digest('base64url');
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
