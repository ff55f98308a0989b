// jose's side of docs/BENCHMARKS.md "Payload encryption": compact JWE (ECDH-ES+A256KW, A256GCM) encrypt + decrypt of a
// 4 KB payload, X25519 and P-256 — the same work as tests/Benchmarks/Security/JweBenchmarks.cs. Run from tests/interop:
//   node jose-jwe-bench.mjs [iterations]
// Prints, per key type, the mean and median microseconds of one encrypt+decrypt after a warm-up.
import * as jose from 'jose';

const iterations = Number(process.argv[2] ?? 2000);
const payload = new TextEncoder().encode('x'.repeat(4096));
const alg = 'ECDH-ES+A256KW';
const enc = 'A256GCM';

for (const [name, options] of [['X25519', { crv: 'X25519' }], ['P-256', { crv: 'P-256' }]]) {
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { ...options, extractable: false });
  const roundTrip = async () => {
    const jwe = await new jose.CompactEncrypt(payload)
      .setProtectedHeader({ alg, enc, kid: 'bench', iss: 'bench-sender', aud: 'bench-recipient' })
      .encrypt(publicKey);
    const { plaintext } = await jose.compactDecrypt(jwe, privateKey, { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] });
    if (plaintext.length !== payload.length) throw new Error('round trip lost the payload');
  };
  for (let i = 0; i < Math.min(500, iterations); i++) await roundTrip();
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await roundTrip();
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`jose ${jose.cryptoRuntime ?? ''} ${name}: encrypt+decrypt 4 KB mean ${mean.toFixed(1)} µs, median ${times[times.length >> 1].toFixed(1)} µs (${iterations} iterations, node ${process.version})`);
}
