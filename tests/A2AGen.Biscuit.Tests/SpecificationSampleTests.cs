using System.Text.Json;
using A2AGen.Biscuit.Crypto;
using A2AGen.Biscuit.Datalog;
using Xunit.Abstractions;

namespace A2AGen.Biscuit.Tests;

/// <summary>
/// Every validation of every token in the specification's samples/current (tests/TestData/biscuit): the outcome, the
/// authorizer world, the revocation ids, and each block's Datalog, symbols, keys and version exactly as samples.json
/// gives them.
/// </summary>
public sealed class SpecificationSampleTests(ITestOutputHelper output)
{
    private static readonly JsonDocument Samples = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData.SamplesDirectory, "samples.json")));

    private static readonly BiscuitPublicKey Root = BiscuitPublicKey.Parse("ed25519/" + Samples.RootElement.GetProperty("root_public_key").GetString());

    public static TheoryData<string, string> Validations()
    {
        var data = new TheoryData<string, string>();
        foreach (var testcase in Samples.RootElement.GetProperty("testcases").EnumerateArray())
        {
            foreach (var validation in testcase.GetProperty("validations").EnumerateObject())
            {
                data.Add(testcase.GetProperty("filename").GetString()!, validation.Name);
            }
        }

        return data;
    }

    [Fact]
    public void All_38_sample_tokens_are_present_and_checked()
    {
        var files = Samples.RootElement.GetProperty("testcases").EnumerateArray().Select(t => t.GetProperty("filename").GetString()!).ToList();
        Assert.Equal(38, files.Count);
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(TestData.SamplesDirectory, f)), f));
        var passed = files.Count(f => Validations().Where(v => (string)v[0] == f).All(v => Run(f, (string)v[1]) is null));
        output.WriteLine($"Biscuit specification samples: {passed} of {files.Count} tokens pass every validation");
        Assert.Equal(38, passed);
    }

    [Theory]
    [MemberData(nameof(Validations))]
    public void Sample_validation_matches_the_specification(string file, string validation)
    {
        var failure = Run(file, validation);
        Assert.True(failure is null, failure);
    }

    /// <summary>Runs one validation; returns null when everything matches, else what differs.</summary>
    private static string? Run(string file, string validationName)
    {
        var testcase = Samples.RootElement.GetProperty("testcases").EnumerateArray().Single(t => t.GetProperty("filename").GetString() == file);
        var validation = testcase.GetProperty("validations").GetProperty(validationName);
        var expected = validation.GetProperty("result");
        var bytes = File.ReadAllBytes(Path.Combine(TestData.SamplesDirectory, file));

        BiscuitToken token;
        try
        {
            token = BiscuitToken.FromBytes(bytes, Root);
        }
        catch (BiscuitFormatException e)
        {
            var format = expected.GetProperty("Err").GetProperty("Format");
            var expectedError = format.EnumerateObject().Single().Name switch
            {
                "Signature" => BiscuitFormatError.InvalidSignature,
                "BlockSignatureDeserializationError" => BiscuitFormatError.InvalidSignatureSize,
                var other => throw new InvalidOperationException("unmapped format error " + other),
            };
            return e.Error == expectedError ? null : $"format error {e.Error} ({e.Message}), expected {expectedError}";
        }

        var problems = new List<string>();
        var expectedIds = validation.GetProperty("revocation_ids").EnumerateArray().Select(i => i.GetString()!).ToList();
        if (!expectedIds.SequenceEqual(token.RevocationIdsHex))
        {
            problems.Add("revocation ids differ");
        }

        var blocks = testcase.GetProperty("token").EnumerateArray().ToList();
        for (var i = 0; i < blocks.Count; i++)
        {
            var b = token.Blocks[i];
            var printed = b.Source.ToString();
            if (printed != blocks[i].GetProperty("code").GetString())
            {
                problems.Add($"block {i} prints as:\n{printed}\nexpected:\n{blocks[i].GetProperty("code").GetString()}");
            }

            if (!b.Symbols.SequenceEqual(blocks[i].GetProperty("symbols").EnumerateArray().Select(s => s.GetString()!)))
            {
                problems.Add($"block {i} symbols differ");
            }

            if (!b.PublicKeys.Select(k => k.ToString()).SequenceEqual(blocks[i].GetProperty("public_keys").EnumerateArray().Select(s => s.GetString()!)))
            {
                problems.Add($"block {i} public keys differ");
            }

            if (b.ExternalKey?.ToString() != blocks[i].GetProperty("external_key").GetString() || b.Version != blocks[i].GetProperty("version").GetUInt32())
            {
                problems.Add($"block {i} external key or version differ");
            }
        }

        var authorizer = new Authorizer(validation.GetProperty("authorizer_code").GetString()!)
        {
            Limits = new AuthorizerLimits { MaxTime = TimeSpan.FromSeconds(5) },
        };
        if (file.StartsWith("test035", StringComparison.Ordinal))
        {
            // The function samples.json's generator registers for this sample.
            authorizer.RegisterExternalFunction("test", (left, right) => (left, right) switch
            {
                (_, null) => left,
                (StringTerm l, StringTerm r) => Term.String(l.Value == r.Value ? "equal strings" : "different strings"),
                _ => throw new ArgumentException("unsupported operands"),
            });
        }

        var result = authorizer.Authorize(token);
        problems.AddRange(ReferenceOutcome.Compare(expected, result));
        problems.AddRange(CompareWorld(validation.GetProperty("world"), result.World));
        return problems.Count == 0 ? null : $"{file} [{validationName}]: " + string.Join("\n", problems);
    }

    private static IEnumerable<string> CompareWorld(JsonElement expected, AuthorizerWorld? actual)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            if (actual is not null)
            {
                yield return "expected no world";
            }

            yield break;
        }

        if (actual is null)
        {
            yield return "no world";
            yield break;
        }

        static string Origin(IEnumerable<int?> o) => string.Join(",", o.Select(i => i?.ToString() ?? "authorizer").Order(StringComparer.Ordinal));
        static string Block(JsonElement o) => o.ValueKind == JsonValueKind.Null || o.GetUInt64() == ulong.MaxValue ? "authorizer" : o.GetUInt64().ToString();

        var expectedFacts = expected.GetProperty("facts").EnumerateArray()
            .SelectMany(g => g.GetProperty("facts").EnumerateArray().Select(f => Origin(g.GetProperty("origin").EnumerateArray().Select(o => o.ValueKind == JsonValueKind.Null ? (int?)null : o.GetInt32())) + " | " + f.GetString()))
            .Order(StringComparer.Ordinal).ToList();
        var actualFacts = actual.Facts.Select(f => Origin(f.Origin) + " | " + f.Fact).Order(StringComparer.Ordinal).ToList();
        if (!expectedFacts.SequenceEqual(actualFacts))
        {
            yield return "world facts differ:\n  expected: " + string.Join("\n            ", expectedFacts) + "\n  actual:   " + string.Join("\n            ", actualFacts);
        }

        var expectedRules = expected.GetProperty("rules").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray().Select(r => Block(g.GetProperty("origin")) + " | " + r.GetString())).Order(StringComparer.Ordinal).ToList();
        var actualRules = actual.Rules.Select(r => (r.Block?.ToString() ?? "authorizer") + " | " + r.Rule).Order(StringComparer.Ordinal).ToList();
        if (!expectedRules.SequenceEqual(actualRules))
        {
            yield return "world rules differ:\n  expected: " + string.Join("\n            ", expectedRules) + "\n  actual:   " + string.Join("\n            ", actualRules);
        }

        var expectedChecks = expected.GetProperty("checks").EnumerateArray().SelectMany(g => g.GetProperty("checks").EnumerateArray().Select(r => Block(g.GetProperty("origin")) + " | " + r.GetString())).Order(StringComparer.Ordinal).ToList();
        var actualChecks = actual.Checks.Select(c => (c.Block?.ToString() ?? "authorizer") + " | " + c.Check).Order(StringComparer.Ordinal).ToList();
        if (!expectedChecks.SequenceEqual(actualChecks))
        {
            yield return "world checks differ:\n  expected: " + string.Join("\n            ", expectedChecks) + "\n  actual:   " + string.Join("\n            ", actualChecks);
        }

        var expectedPolicies = expected.GetProperty("policies").EnumerateArray().Select(p => p.GetString()!).ToList();
        if (!expectedPolicies.SequenceEqual(actual.Policies.Select(p => p.ToString())))
        {
            yield return "policies differ: " + string.Join(" | ", actual.Policies);
        }
    }
}
