using System.Text.Json;
using A2AGen.Passport;
using A2AGen.Security;

namespace A2AGen.Fuzz.Targets;

/// <summary>
/// The Secure Passport: reading a <c>CallerContext</c>, verifying it, and a skill reading its state. A passport that
/// reads is also signed here with the trusted key and verified again: the verifier must accept what the signer
/// signed, and every accessor must read without throwing (a value without a canonical form reads as absent).
/// Documented refusals: a <see cref="PassportFormatError"/>, a verification result with a reason, and
/// <see cref="ArgumentException"/> from the signer for a state that cannot be canonicalized.
/// </summary>
internal static class PassportTarget
{
    private static readonly PassportVerifier Verifier = new(FuzzKeys.Trust, new PassportVerifierOptions { CacheCapacity = 0 });
    private static readonly PassportSigner Signer = new(FuzzKeys.Ed25519, FuzzKeys.ClientId, new PassportSigningOptions { KeyId = "ed" });
    private static readonly JsonSerializerOptions Json = new() { TypeInfoResolver = PassportTypes.Default };

    public static void Run(byte[] data)
    {
        if (!CallerContextJson.TryRead(data, out var passport, out var error))
        {
            FuzzInvariant.SafeText(error.Field, "a passport refusal's field");
            FuzzInvariant.SafeText(error.Message, "a passport refusal");
            return;
        }

        CallerContextJson.ToUtf8Json(passport);
        Read(passport, Check(Verifier.Verify(passport)));

        var own = passport with { ClientId = FuzzKeys.ClientId, Signature = null };
        CallerContext signed;
        try
        {
            signed = Signer.Sign(own);
        }
        catch (ArgumentException)
        {
            // The state has no canonical form: the verifier must refuse the same state, never sign-then-reject silently.
            var forged = Check(Verifier.Verify(own with { Signature = "e30..c2ln" }));
            FuzzInvariant.Check(!forged.IsVerified, "a state the signer cannot canonicalize does not verify");
            return;
        }

        var reread = CallerContextJson.TryRead(CallerContextJson.ToUtf8Json(signed), out var received, out var rereadError);
        FuzzInvariant.Check(reread, $"a signed passport reads back ({rereadError?.Field}: {rereadError?.Message})");
        var result = Check(Verifier.Verify(received!));
        FuzzInvariant.Check(result.IsVerified, $"a passport signed with a trusted key verifies ({result.Reason}: {result.Detail})");
        Read(received!, result);
    }

    private static PassportVerificationResult Check(PassportVerificationResult result)
    {
        FuzzInvariant.SafeText(result.Detail, "a passport verification refusal");
        FuzzInvariant.SafeText(result.Field, "a passport verification refusal's field");
        return result;
    }

    private static void Read(CallerContext passport, PassportVerificationResult result)
    {
        var context = new PassportContext
        {
            Value = passport,
            Status = result.Status,
            Reason = result.Reason,
            Detail = result.Detail,
        };
        var reader = new FuzzPassport(context, Json);
        foreach (var key in passport.State.Keys)
        {
            reader.ReadEverything(key);
        }
    }

    /// <summary>What a generated passport class is: typed accessors over <see cref="AgentPassport"/>.</summary>
    private sealed class FuzzPassport(PassportContext context, JsonSerializerOptions json) : AgentPassport(context, json)
    {
        public void ReadEverything(string key)
        {
            _ = GetString(key);
            TryGet<string>(key, out _);
            TryGet<long>(key, out _);
            TryGet<int>(key, out _);
            TryGet<double>(key, out _);
            TryGet<decimal>(key, out _);
            TryGet<bool>(key, out _);
            TryGet<DateTimeOffset>(key, out _);
            TryGet<string[]>(key, out _);
            TryGet<Dictionary<string, string>>(key, out _);
            TryGet<JsonElement>(key, out _);
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
[System.Text.Json.Serialization.JsonSerializable(typeof(long))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
[System.Text.Json.Serialization.JsonSerializable(typeof(double))]
[System.Text.Json.Serialization.JsonSerializable(typeof(decimal))]
[System.Text.Json.Serialization.JsonSerializable(typeof(bool))]
[System.Text.Json.Serialization.JsonSerializable(typeof(DateTimeOffset))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(JsonElement))]
internal sealed partial class PassportTypes : System.Text.Json.Serialization.JsonSerializerContext;
