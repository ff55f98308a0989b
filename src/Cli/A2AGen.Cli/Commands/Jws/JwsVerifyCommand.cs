using System.Buffers.Text;
using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;
using A2AGen.Cli.Output;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.Jws;

/// <summary>
/// <c>a2agen jws verify</c>: checks a compact JWS with the runtime's strict verifier and trusted keys only (never keys
/// from the token). A detached payload (<c>header..signature</c>) is given with <c>--body</c>; for an attached JSON
/// payload the claims are validated (<c>exp</c>/<c>nbf</c>/<c>iat</c> with 5 s skew, <c>--iss</c>, <c>--aud</c>), and
/// for an <c>A2A-Signature</c> (<c>typ</c> <c>a2a-request+jwt</c>) <c>--body</c> must match the <c>bh</c> claim.
/// Valid exits 0 and prints header and claims; no trusted key exits 3; any failed check exits 4 naming it.
/// </summary>
internal static class JwsVerifyCommand
{
    private const string RequestType = "a2a-request+jwt";

    public static Command Create(CliConsole console, GlobalOptions globals)
    {
        var token = new Argument<string>("token") { Description = "The compact JWS, @file to read it from a file, or - for standard input." };
        var trust = new TrustOptions();
        var body = new Option<string?>("--body")
        {
            Description = "The exact body: the detached payload of header..signature, or the request body an A2A-Signature's bh claim must match.",
            HelpName = "file",
        };
        var issuer = new Option<string?>("--iss") { Description = "The issuer the token must name (iss); also limits the trusted keys to that agent's.", HelpName = "id" };
        var audience = new Option<string?>("--aud") { Description = "An audience the token must name (aud), e.g. the URL called.", HelpName = "aud" };
        var type = new Option<string?>("--typ") { Description = "The typ the header must carry (e.g. a2a-request+jwt, a2a-passport+jws).", HelpName = "typ" };
        var command = new Command("verify", "Verify a compact JWS with trusted keys: exit 0 valid, 3 no trusted key, 4 a check failed.") { token };
        trust.AddTo(command);
        command.Add(body);
        command.Add(issuer);
        command.Add(audience);
        command.Add(type);
        CommandRunner.SetBody(command, console, globals, async (parse, context) =>
        {
            string compact = TokenInput.Read(context.Console, parse.GetValue(token)!);
            var keys = await trust.LoadAsync(parse, context).ConfigureAwait(false);
            byte[]? bodyBytes = parse.GetValue(body) is { } bodyPath ? InputFiles.Read(context.Console, bodyPath, Sizes.Body, "body file") : null;
            return Verify(compact, keys, bodyBytes, parse.GetValue(body), parse.GetValue(issuer), parse.GetValue(audience), parse.GetValue(type));
        });
        return command;
    }

    private static CommandOutcome Verify(string token, KeyTrust keys, byte[]? body, string? bodyPath, string? issuer, string? audience, string? expectedType)
    {
        string[] segments = token.Split('.');
        bool detached = segments.Length == 3 && segments[1].Length == 0;
        var verifier = new JwsVerifier(keys, new JwsVerificationOptions { ExpectedType = expectedType, MaxPayloadLength = Sizes.Body });

        if (detached && body is null)
        {
            throw CliException.Usage("this JWS has a detached payload (header..signature); give the payload with --body FILE");
        }

        bool isRequest = string.Equals(PeekType(segments), RequestType, StringComparison.OrdinalIgnoreCase);
        JwsVerificationResult result;
        if (detached)
        {
            result = verifier.VerifyDetached(token, body, issuer);
        }
        else if (IsJsonObject(segments))
        {
            result = verifier.VerifyJwt(token, new JwtValidationParameters
            {
                ExpectedIssuer = issuer,
                ExpectedAudiences = audience is null ? null : [audience],
                RequireExpiration = isRequest,
                RequireIssuedAt = isRequest,
                RequireJwtId = isRequest,
            });
        }
        else
        {
            if (audience is not null)
            {
                throw CliException.Usage("--aud needs a token whose payload is a JSON object of claims");
            }

            result = verifier.Verify(token, issuer);
        }

        if (!result.IsValid)
        {
            return Failed(result.Failure == VerificationFailure.KeyNotFound ? ExitCodes.Unverified : ExitCodes.Invalid, result.ReasonCode, result.Detail ?? "", keys, result.Header);
        }

        var text = new StringBuilder();
        var key = result.Key!;
        text.AppendLine($"Valid: {key.Algorithm} signature by key {key.KeyId} from {keys.SourceOf(key)}.");
        var json = new JsonObject
        {
            ["valid"] = true,
            ["kid"] = key.KeyId,
            ["algorithm"] = key.Algorithm,
            ["keySource"] = keys.SourceOf(key),
            ["detached"] = detached,
            ["header"] = JsonText.Parse(result.Header!.Json.Span),
        };
        text.AppendLine("Header").AppendLine(JsonText.Format(result.Header.Json.Span));

        if (detached)
        {
            text.AppendLine($"Payload: the {body!.Length} bytes of {bodyPath} (detached; SHA-256 {Base64Url.EncodeToString(SHA256.HashData(body))}).");
            json["payloadBytes"] = body.Length;
            return new CommandOutcome(ExitCodes.Success, json, text.ToString());
        }

        if (result.Claims is { } claims)
        {
            json["claims"] = JsonText.Parse(claims.Json.Span);
            text.AppendLine("Claims").AppendLine(JsonText.Format(claims.Json.Span));
            foreach (var (name, time) in new[] { ("issued", claims.IssuedAt), ("not before", claims.NotBefore), ("expires", claims.ExpiresAt) })
            {
                if (time is { } value)
                {
                    text.AppendLine($"  {name,-10} {Times.Format(value)}");
                }
            }

            string? bodyHash = claims.TryGetString("bh", out string? bh) ? bh : null;
            if (body is not null)
            {
                if (bodyHash is null)
                {
                    return Failed(ExitCodes.Invalid, "BODY_HASH_MISSING", $"--body was given but the token has no bh claim binding a body{(isRequest ? "; an A2A-Signature over a non-empty body must carry one" : "")}", keys, result.Header);
                }

                string actual = Base64Url.EncodeToString(SHA256.HashData(body));
                if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(actual), Encoding.ASCII.GetBytes(bodyHash)))
                {
                    return Failed(ExitCodes.Invalid, "BODY_HASH_MISMATCH", $"the bh claim '{bodyHash}' is not the SHA-256 of {bodyPath} ({actual}): the body was changed, or it is not the body this token signed", keys, result.Header);
                }

                text.AppendLine($"Body: bh matches the SHA-256 of {bodyPath} ({body.Length} bytes).");
                json["bodyHashVerified"] = true;
            }
            else if (bodyHash is not null)
            {
                text.AppendLine("Body: not checked (the token binds one with bh; give it with --body FILE).");
                json["bodyHashVerified"] = false;
            }

            return new CommandOutcome(ExitCodes.Success, json, text.ToString());
        }

        if (body is not null)
        {
            return Failed(ExitCodes.Invalid, "BODY_HASH_MISSING", "--body was given but the token's payload is not claims with a bh claim binding a body", keys, result.Header);
        }

        var payload = result.Payload.ToArray();
        bool isText = IsPrintableUtf8(payload);
        json["payload"] = isText ? Encoding.UTF8.GetString(payload) : Base64Url.EncodeToString(payload);
        json["payloadEncoding"] = isText ? "utf-8" : "base64url";
        text.AppendLine(isText ? $"Payload\n{Encoding.UTF8.GetString(payload)}" : $"Payload ({payload.Length} bytes, base64url)\n{Base64Url.EncodeToString(payload)}");
        return new CommandOutcome(ExitCodes.Success, json, text.ToString());
    }

    private static CommandOutcome Failed(int exitCode, string reason, string detail, KeyTrust keys, JwsHeader? header)
    {
        string status = exitCode == ExitCodes.Unverified ? "Unverified" : "Invalid";
        string hint = exitCode == ExitCodes.Unverified
            ? $"; trusted: {keys.Describe()} (give the signer's keys with --jwks or --trust)"
            : "";
        var json = new JsonObject
        {
            ["valid"] = false,
            ["status"] = status,
            ["reason"] = reason,
            ["detail"] = detail,
            ["header"] = header is null ? null : JsonText.Parse(header.Json.Span),
        };
        return new CommandOutcome(exitCode, json, $"{status} ({reason}): {detail}{hint}.");
    }

    // The header is read before verification only to choose which claims an A2A-Signature must carry; the verifier
    // checks it again, and --typ pins it.
    private static string? PeekType(string[] segments)
    {
        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(segments[0]));
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("typ", out var typ) && typ.ValueKind == JsonValueKind.String
                ? typ.GetString()
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static bool IsJsonObject(string[] segments)
    {
        if (segments.Length != 3 || segments[1].Length == 0)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(segments[1]));
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }

    private static bool IsPrintableUtf8(byte[] bytes)
    {
        try
        {
            string text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return text.All(c => !char.IsControl(c) || c is '\n' or '\r' or '\t');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
