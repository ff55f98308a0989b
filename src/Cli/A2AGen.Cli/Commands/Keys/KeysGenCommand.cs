using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;
using A2AGen.Cli.Output;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.Keys;

/// <summary>
/// <c>a2agen keys gen</c>: a new signing key in the key-directory layout of DESIGN §7 — <c>signing.key.pem</c>
/// (PKCS#8, optionally encrypted, owner-only) and <c>signing.pub.pem</c> (SPKI) — never overwriting without <c>--force</c>;
/// with <c>--encryption</c>, an encryption key <c>encryption.key.jwk</c> instead (a private JWK, owner-only), the previous
/// one moved to <c>retired/</c> where it still decrypts.
/// </summary>
internal static class KeysGenCommand
{
    public static Command Create(CliConsole console, GlobalOptions globals)
    {
        var algorithm = new Option<string>("--alg")
        {
            Description = "The key type: ed25519 (EdDSA, the default) or es256 (ECDSA P-256).",
            DefaultValueFactory = _ => "ed25519",
        };
        algorithm.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "ed25519", "es256");
        var output = new Option<string?>("--out")
        {
            Description = $"The key directory to write to (default: {KeyEnvironment.KeysDirectory}, else ./{KeyEnvironment.DefaultKeysDirectory}).",
            HelpName = "dir",
        };
        var encrypt = new Option<bool>("--encrypt")
        {
            Description = $"Encrypt the private key (PBES2, AES-256) with a password from {KeyEnvironment.KeyPassword}, else asked for without echo.",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Replace existing key files (the old private key is gone for good).",
        };
        var encryption = new Option<string?>("--encryption")
        {
            Description = "Generate an encryption key (JWE, use \"enc\") instead: x25519 or p256. Writes encryption.key.jwk (owner-only); a previous one moves to retired/<kid>.enc.jwk and still decrypts.",
            HelpName = "x25519|p256",
        };
        encryption.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "x25519", "p256");

        var command = new Command("gen", "Generate a signing key: signing.key.pem (PKCS#8, owner-only) and signing.pub.pem (SPKI).")
        {
            algorithm, output, encrypt, force, encryption,
        };
        CommandRunner.SetBody(command, console, globals, (parse, context) => Task.FromResult(parse.GetValue(encryption) is { } curve
            ? RunEncryption(context, curve, parse.GetValue(output), parse.GetValue(encrypt))
            : Run(
            context,
            parse.GetValue(algorithm)!,
            parse.GetValue(output),
            parse.GetValue(encrypt),
            parse.GetValue(force))));
        return command;
    }

    private static CommandOutcome RunEncryption(CommandContext context, string curve, string? output, bool encrypt)
    {
        if (encrypt)
        {
            throw new CliException("INVALID_USAGE", "--encrypt applies to signing keys only: an encryption key is a private JWK, protected by its owner-only file mode.");
        }

        string configured = output
            ?? (context.Console.GetEnvironmentVariable(KeyEnvironment.KeysDirectory) is { Length: > 0 } fromEnvironment ? fromEnvironment : KeyEnvironment.DefaultKeysDirectory);
        string directory = Path.GetFullPath(configured);
        string keyPath = Path.Combine(directory, KeyStore.EncryptionKeyFile);
        bool rotated = File.Exists(keyPath);
        var keyType = curve.Equals("p256", StringComparison.OrdinalIgnoreCase) ? JweKeyType.P256 : JweKeyType.X25519;
        JweEncryptionKey publicKey;
        try
        {
            publicKey = KeyStore.RotateEncryptionKey(new KeyStoreOptions { AgentId = "keys-gen", KeysDirectory = directory }, keyType);
        }
        catch (KeyStoreException e)
        {
            throw new CliException("KEY_INVALID", e.Message);
        }

        var json = (JsonObject)JsonNode.Parse(publicKey.ToJson())!;
        json["privateKeyFile"] = keyPath;
        json["rotated"] = rotated;
        var text = new StringBuilder()
            .AppendLine($"Created an encryption key: {keyType}{(rotated ? "; the previous one is in retired/ and still decrypts" : "")}")
            .AppendLine($"  private key  {keyPath}  (owner-only)")
            .AppendLine($"  kid          {publicKey.Thumbprint}")
            .AppendLine($"  public JWK   {publicKey.ToJson()}")
            .AppendLine("Agents publish it in their JWKS (use \"enc\"); peers that answer encrypted need it in their trusted/<agent-id>.jwks.json.");
        return new CommandOutcome(ExitCodes.Success, json, text.ToString());
    }

    private static CommandOutcome Run(CommandContext context, string algorithmName, string? output, bool encrypt, bool force)
    {
        string configured = output
            ?? (context.Console.GetEnvironmentVariable(KeyEnvironment.KeysDirectory) is { Length: > 0 } fromEnvironment ? fromEnvironment : KeyEnvironment.DefaultKeysDirectory);
        string directory = Path.GetFullPath(configured);
        string keyPath = Path.Combine(directory, KeyStore.SigningKeyFile);
        string publicPath = Path.Combine(directory, KeyStore.SigningPublicKeyFile);
        if (!force)
        {
            foreach (string path in new[] { keyPath, publicPath })
            {
                if (File.Exists(path))
                {
                    throw new CliException("KEY_EXISTS",
                        $"'{path}' already exists; keep it, choose another --out, or pass --force to replace it (the old key is gone for good).");
                }
            }
        }

        SigningAlgorithm algorithm = algorithmName.Equals("es256", StringComparison.OrdinalIgnoreCase)
            ? SigningAlgorithm.EcdsaP256Sha256
            : SigningAlgorithm.Ed25519;
        if (!algorithm.IsSupported)
        {
            throw new CliException("UNSUPPORTED", $"{algorithm.Name} keys cannot be made on this machine (NSec has no libsodium for this platform). Use --alg es256 instead.");
        }

        string? password = encrypt ? KeyPasswords.ForEncryption(context.Console) : null;
        using var key = SigningKey.Create(algorithm, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextArchiving });
        string pem = key.ExportPem(password);
        OutputFiles.CreatePrivateDirectory(directory);
        OutputFiles.WriteSecret(keyPath, pem);
        OutputFiles.WritePublic(publicPath, Encoding.ASCII.GetBytes(key.PublicKey.ExportPem()));

        var jwk = JsonWebKey.FromPublicKey(key.PublicKey);
        var json = KeyViews.ToJson(jwk);
        json["privateKeyFile"] = keyPath;
        json["publicKeyFile"] = publicPath;
        json["encrypted"] = encrypt;

        var text = new StringBuilder()
            .AppendLine($"Created a signing key: {KeyViews.Describe(key.PublicKey)}{(encrypt ? ", encrypted" : "")}")
            .AppendLine($"  private key  {keyPath}  (owner-only{(encrypt ? $"; password from {KeyEnvironment.KeyPassword}" : "")})")
            .AppendLine($"  public key   {publicPath}")
            .AppendLine($"  kid          {jwk.KeyId}")
            .AppendLine($"  public JWK   {jwk.ToJson()}")
            .AppendLine($"Agents read this folder through {KeyEnvironment.KeysDirectory}; peers trust the key once its JWK is in their trusted/<agent-id>.jwks.json.");
        return new CommandOutcome(ExitCodes.Success, json, text.ToString());
    }
}
