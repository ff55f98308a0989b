using System.Runtime.CompilerServices;

// The security tests exercise each Ed25519 backend directly (differential tests), which the public API does not expose.
[assembly: InternalsVisibleTo("A2AGen.Security.Tests")]
