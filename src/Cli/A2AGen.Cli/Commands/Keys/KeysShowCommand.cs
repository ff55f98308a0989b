using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;
using A2AGen.Cli.Output;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.Keys;

/// <summary>
/// <c>a2agen keys show</c>: the kid (RFC 7638 thumbprint) and public JWK of a key file, or of a key directory's signing
/// key together with its retired keys and trusted peers.
/// </summary>
internal static class KeysShowCommand
{
    public static Command Create(CliConsole console, GlobalOptions globals)
    {
        var directory = new Option<string?>("--dir")
        {
            Description = $"A key directory (default: {KeyEnvironment.KeysDirectory}, else ./{KeyEnvironment.DefaultKeysDirectory}).",
            HelpName = "dir",
        };
        var keyFile = new Option<string?>("--key")
        {
            Description = "One key file: a PEM private or public key, a JWK or a JWK Set.",
            HelpName = "file",
        };
        var asJwks = new Option<bool>("--as-jwks")
        {
            Description = "Print only the public JWK Set (the signing key and retired keys: what the agent serves at /.well-known/jwks.json and what peers put in trusted/<agent-id>.jwks.json).",
        };
        var command = new Command("show", "Show a key's kid (RFC 7638 thumbprint) and public JWK; never anything secret.") { directory, keyFile, asJwks };
        command.Validators.Add(result =>
        {
            if (result.GetResult(directory) is not null && result.GetResult(keyFile) is not null)
            {
                result.AddError("--dir and --key cannot be used together; give one");
            }
        });
        CommandRunner.SetBody(command, console, globals, (parse, context) =>
        {
            var outcome = parse.GetValue(keyFile) is { } file ? ShowFile(context, file, out var keys) : ShowDirectory(context, parse.GetValue(directory), out keys);
            return Task.FromResult(parse.GetValue(asJwks) && outcome.ExitCode == ExitCodes.Success ? AsJwks(keys) : outcome);
        });
        return command;
    }

    private static CommandOutcome AsJwks(IReadOnlyList<JsonWebKey> keys)
    {
        var set = JsonWebKeySet.Create(keys.Select(k => JsonWebKey.FromPublicKey(k.PublicKey, k.KeyId)));
        return new CommandOutcome(ExitCodes.Success, (JsonObject)JsonNode.Parse(set.ToUtf8Json())!, JsonText.Format(set.ToUtf8Json()));
    }

    private static CommandOutcome ShowFile(CommandContext context, string path, out IReadOnlyList<JsonWebKey> published)
    {
        byte[] bytes = InputFiles.Read(context.Console, path, Sizes.KeyFile, "key file");
        var kind = KeyFiles.Recognize(bytes);
        var keys = KeyFiles.ParsePublicKeys(context.Console, bytes, path);
        published = keys;
        string kindName = kind switch
        {
            KeyFiles.Kind.PrivateKey => "private key",
            KeyFiles.Kind.EncryptedPrivateKey => "encrypted private key",
            KeyFiles.Kind.PublicKey => "public key",
            KeyFiles.Kind.JsonWebKey => "JWK",
            _ => "JWK Set",
        };

        var json = new JsonObject { ["file"] = Path.GetFullPath(path), ["kind"] = kindName, ["keys"] = new JsonArray([.. keys.Select(KeyViews.ToJson)]) };
        var text = new StringBuilder().AppendLine($"{Path.GetFullPath(path)}: {kindName}{(keys.Count > 1 ? $", {keys.Count} keys" : "")}");
        foreach (var jwk in keys)
        {
            AppendKey(text, jwk, "  ");
        }

        return new CommandOutcome(ExitCodes.Success, json, text.ToString());
    }

    private static CommandOutcome ShowDirectory(CommandContext context, string? configured, out IReadOnlyList<JsonWebKey> published)
    {
        configured ??= context.Console.GetEnvironmentVariable(KeyEnvironment.KeysDirectory) is { Length: > 0 } fromEnvironment ? fromEnvironment : KeyEnvironment.DefaultKeysDirectory;
        string directory = Path.GetFullPath(configured);
        if (!Directory.Exists(directory))
        {
            throw new CliException("FILE_NOT_FOUND", $"the key directory '{directory}' does not exist; create a key with 'a2agen keys gen --out {configured}'.");
        }

        string keyPath = Path.Combine(directory, KeyStore.SigningKeyFile);
        string publicPath = Path.Combine(directory, KeyStore.SigningPublicKeyFile);
        bool hasKey = File.Exists(keyPath);
        bool hasPublic = File.Exists(publicPath);
        if (!hasKey && !hasPublic)
        {
            throw new CliException("NO_KEY", $"'{directory}' holds no {KeyStore.SigningKeyFile}; create one with 'a2agen keys gen --out {configured}'.");
        }

        bool encrypted = hasKey && KeyFiles.Recognize(InputFiles.Read(context.Console, keyPath, Sizes.KeyFile, "key file")) == KeyFiles.Kind.EncryptedPrivateKey;
        var signing = hasPublic
            ? KeyFiles.LoadPublicKeys(context.Console, publicPath, "public key file")[0]
            : KeyFiles.LoadPublicKeys(context.Console, keyPath, "key file")[0];

        // The public file must belong to the private key; check whenever that needs no prompt.
        string? mismatch = null;
        if (hasKey && hasPublic && (!encrypted || context.Console.GetEnvironmentVariable(KeyEnvironment.KeyPassword) is { Length: > 0 }))
        {
            var fromPrivate = KeyFiles.LoadPublicKeys(context.Console, keyPath, "key file")[0];
            if (!fromPrivate.PublicKey.Equals(signing.PublicKey))
            {
                mismatch = $"'{publicPath}' does not belong to '{keyPath}'; regenerate it with 'openssl pkey -in {KeyStore.SigningKeyFile} -pubout -out {KeyStore.SigningPublicKeyFile}' or delete it.";
            }
        }

        var signingJson = KeyViews.ToJson(signing);
        signingJson["privateKeyFile"] = hasKey ? keyPath : null;
        signingJson["publicKeyFile"] = hasPublic ? publicPath : null;
        signingJson["encrypted"] = encrypted;

        var text = new StringBuilder().AppendLine($"SigningKey directory {directory}").AppendLine($"  signing key{(encrypted ? " (encrypted)" : "")}{(hasKey ? "" : " (public half only: no signing.key.pem)")}");
        AppendKey(text, signing, "    ");

        var publishedKeys = new List<JsonWebKey> { signing };
        published = publishedKeys;
        var retired = new JsonArray();
        string retiredFolder = Path.Combine(directory, KeyStore.RetiredFolder);
        if (Directory.Exists(retiredFolder))
        {
            foreach (string path in Directory.GetFiles(retiredFolder, "*.pub.pem").Order(StringComparer.Ordinal))
            {
                var jwk = KeyFiles.LoadPublicKeys(context.Console, path, "retired public key")[0];
                var entry = KeyViews.ToJson(jwk);
                entry["file"] = path;
                retired.Add(entry);
                publishedKeys.Add(jwk);
                text.AppendLine($"  retired  {jwk.KeyId}  {KeyViews.Describe(jwk.PublicKey)}  {Path.GetFileName(path)}");
            }
        }

        var trusted = new JsonArray();
        string trustedFolder = Path.Combine(directory, KeyStore.TrustedFolder);
        IReadOnlyList<TrustedPeerFile> peers;
        try
        {
            // The agent's own reader: what is listed here is exactly what the agent would trust.
            peers = TrustFolder.Read(trustedFolder, path => InputFiles.Read(context.Console, path, Sizes.JwkSet, "trusted key set"));
        }
        catch (KeyStoreException e)
        {
            throw new CliException("INVALID_TRUST", ErrorReporter.OneLine(e.Message));
        }

        foreach (var peer in peers)
        {
            trusted.Add(new JsonObject { ["agentId"] = peer.AgentId, ["file"] = peer.Path, ["keys"] = new JsonArray([.. peer.Keys.Keys.Select(k => (JsonNode)k.KeyId)]) });
            text.AppendLine($"  trusted  {peer.AgentId}: {string.Join(", ", peer.Keys.Keys.Select(k => k.KeyId))}");
        }

        var json = new JsonObject { ["directory"] = directory, ["signingKey"] = signingJson, ["retired"] = retired, ["trusted"] = trusted };
        if (mismatch is not null)
        {
            json["problem"] = mismatch;
        }

        return new CommandOutcome(mismatch is null ? ExitCodes.Success : ExitCodes.Failure, json, text.ToString(), mismatch);
    }

    private static void AppendKey(StringBuilder text, JsonWebKey jwk, string indent)
    {
        text.AppendLine($"{indent}algorithm   {KeyViews.Describe(jwk.PublicKey)}");
        text.AppendLine($"{indent}kid         {jwk.KeyId}");
        if (jwk.KeyId != jwk.Thumbprint)
        {
            text.AppendLine($"{indent}thumbprint  {jwk.Thumbprint} (RFC 7638)");
        }

        text.AppendLine($"{indent}public JWK  {JsonWebKey.FromPublicKey(jwk.PublicKey, jwk.KeyId).ToJson()}");
    }
}
