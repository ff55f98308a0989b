// The Biscuit reference implementation (@biscuit-auth/biscuit-wasm, the Rust biscuit-auth compiled to WebAssembly)
// as an interop peer for A2AGen.Biscuit. Run with `node --experimental-wasm-modules biscuit-peer.mjs`.
// stdin: JSON array of operations; stdout: JSON array of results (one per operation, {error} if it threw).
//   {op:"mint", algorithm:"ed25519"|"secp256r1", rootPrivateKey:hex, authority:code, blocks:[code], seal:bool}
//   {op:"attenuate", token:base64url, algorithm, rootPublicKey:hex, block:code}
//   {op:"authorize", token:base64url, algorithm, rootPublicKey:hex, authorizer:code}  -> {policy} or {error}
//   {op:"inspect", token, algorithm, rootPublicKey}                                  -> {blocks:[code], revocationIds:[hex]}
//   {op:"thirdPartyBlock", request:base64url, algorithm, privateKey:hex, block:code}  -> {block:base64url}
//   {op:"thirdPartyRequest", token, algorithm, rootPublicKey}                          -> {request:base64url}
//   {op:"appendThirdParty", token, algorithm, rootPublicKey, externalAlgorithm, externalPublicKey:hex, block:base64url}
//     (0.6.0's ThirdPartyBlock.fromBytes decodes a ThirdPartyBlockRequest, so it cannot load any external block:
//      kept to document that; the tests append third-party blocks on our side instead.)
import { Biscuit, BlockBuilder, AuthorizerBuilder, KeyPair, PrivateKey, PublicKey, SignatureAlgorithm, ThirdPartyRequest, ThirdPartyBlock } from '@biscuit-auth/biscuit-wasm';
import { limits, warmUp } from './biscuit-common.mjs';

warmUp();
const alg = name => (name ?? 'ed25519') === 'ed25519' ? SignatureAlgorithm.Ed25519 : SignatureAlgorithm.Secp256r1;
const fromB64 = text => new Uint8Array(Buffer.from(text, 'base64url'));
const toB64 = bytes => Buffer.from(bytes).toString('base64url');
const hex = bytes => Buffer.from(bytes).toString('hex');
const load = op => Biscuit.fromBytes(fromB64(op.token), PublicKey.fromString(op.rootPublicKey, alg(op.algorithm)));
const block = code => { const b = new BlockBuilder(); b.addCode(code); return b; };

const operations = JSON.parse(await readStdin());
const results = [];
for (const op of operations) {
  try {
    results.push(run(op));
  } catch (e) {
    results.push({ error: typeof e === 'object' ? JSON.parse(JSON.stringify(e, (k, v) => v instanceof Map ? Object.fromEntries(v) : v)) : String(e) });
  }
}
// biscuit-wasm prints a line when it loads: the results are the last line.
process.stdout.write('\n' + JSON.stringify(results) + '\n');

function run(op) {
  switch (op.op) {
    case 'mint': {
      const root = KeyPair.fromPrivateKey(PrivateKey.fromBytes(Buffer.from(op.rootPrivateKey, 'hex'), alg(op.algorithm)));
      const builder = Biscuit.builder();
      builder.addCode(op.authority);
      let token = builder.build(root.getPrivateKey());
      for (const code of op.blocks ?? []) token = token.appendBlock(block(code));
      if (op.seal) token = token.sealToken();
      return { token: toB64(token.toBytes()) };
    }
    case 'attenuate':
      return { token: toB64(load(op).appendBlock(block(op.block)).toBytes()) };
    case 'authorize': {
      const builder = new AuthorizerBuilder();
      builder.addCode(op.authorizer);
      return { policy: builder.buildAuthenticated(load(op)).authorizeWithLimits(limits) };
    }
    case 'inspect': {
      const token = load(op);
      const blocks = [];
      for (let i = 0; i < token.countBlocks(); i++) blocks.push(token.getBlockSource(i));
      return { blocks, revocationIds: token.getRevocationIdentifiers() };
    }
    case 'thirdPartyBlock': {
      const request = ThirdPartyRequest.fromBytes(fromB64(op.request));
      const key = PrivateKey.fromBytes(Buffer.from(op.privateKey, 'hex'), alg(op.algorithm));
      return { block: toB64(request.createBlock(key, block(op.block)).toBytes()) };
    }
    case 'thirdPartyRequest':
      return { request: toB64(load(op).getThirdPartyRequest().toBytes()) };
    case 'appendThirdParty': {
      const external = PublicKey.fromString(op.externalPublicKey, alg(op.externalAlgorithm));
      return { token: toB64(load(op).appendThirdPartyBlock(external, ThirdPartyBlock.fromBytes(fromB64(op.block))).toBytes()) };
    }
    default:
      throw new Error('unknown operation ' + op.op);
  }
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
