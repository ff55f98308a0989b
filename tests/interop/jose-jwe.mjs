// JWE with jose (an independent JOSE implementation): decrypts what A2AGen encrypted, and encrypts for A2AGen.
// stdin: JSON array of
//   {op: "decrypt", jwk (private), jwe: compact string or JSON object}
//   {op: "encrypt", jwk (public), form: "compact"|"flattened"|"general", plaintext, header: {kid, iss, aud}}
// stdout: JSON array of {ok: true, plaintext, header} / {ok: true, jwe} or {ok: false, error, code}
import * as jose from 'jose';

const alg = 'ECDH-ES+A256KW';
const enc = 'A256GCM';
const requests = JSON.parse(await readStdin());
const results = [];
for (const request of requests) {
  try {
    const key = await jose.importJWK(request.jwk, alg);
    if (request.op === 'decrypt') {
      const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] };
      const decrypted = typeof request.jwe === 'string'
        ? await jose.compactDecrypt(request.jwe, key, options)
        : request.jwe.recipients
          ? await jose.generalDecrypt(request.jwe, key, options)
          : await jose.flattenedDecrypt(request.jwe, key, options);
      results.push({ ok: true, plaintext: new TextDecoder().decode(decrypted.plaintext), header: decrypted.protectedHeader });
    } else {
      const plaintext = new TextEncoder().encode(request.plaintext);
      const header = { alg, enc, ...request.header };
      let jwe;
      if (request.form === 'compact') {
        jwe = await new jose.CompactEncrypt(plaintext).setProtectedHeader(header).encrypt(key);
      } else if (request.form === 'flattened') {
        jwe = JSON.stringify(await new jose.FlattenedEncrypt(plaintext).setProtectedHeader(header).encrypt(key));
      } else {
        jwe = JSON.stringify(await new jose.GeneralEncrypt(plaintext).setProtectedHeader(header).addRecipient(key).encrypt());
      }
      results.push({ ok: true, jwe });
    }
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
