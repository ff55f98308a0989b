using System.Runtime.CompilerServices;

// The security tests reach internal encoders and checks (PKCS#8, base64url, the Ed25519 key check) directly.
[assembly: InternalsVisibleTo("A2AGen.Security.Tests")]
