using System.Text;
using A2AGen.Provenance;
using A2AGen.Security;

namespace A2AGen.Security.Tests.Provenance;

/// <summary>
/// A statement's signed bytes are its RFC 8785 form whichever way they are written (straight, for plain ids; through
/// the canonicalizer, for ids with quotes, backslashes, control characters or surrogates): a verifier reading them
/// back, and canonicalizing what it read, gets the same bytes.
/// </summary>
public sealed class StatementCanonicalFormTests
{
    private const string Digest = "sha-256:Xo3rQpV3G3zK8yK3d0m4l6bq8l3aQ6dYcS1v0o2b0kM";
    private const string ParentDigest = "sha-256:AAAAQpV3G3zK8yK3d0m4l6bq8l3aQ6dYcS1v0o2b0kM";

    public static TheoryData<string, bool, string?, string?, long?, int> Cases => new()
    {
        { "t-1", true, null, null, null, 0 },
        { "t-1", true, "finance-agent", "report-é-✓", 1_774_958_410, 2 },
        { "ctx", false, "https://agent.example/a2a", null, null, 1 },
        { "ctx", false, null, "m-\"quoted\"\\back", 9_007_199_254_740_992, 0 },
        { "ctx\n", true, "aud\u0001", "😀-id", null, 2 },
        { "ctx", true, "\ue000\uffff", "\U0010ffff", 5, 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_signed_bytes_are_what_the_canonicalizer_makes_of_them(string contextId, bool artifact, string? audience, string? contentId, long? exp, int parents)
    {
        var statement = new ProvenanceStatement
        {
            Issuer = "travel-desk",
            Kind = artifact ? ProvenanceKind.Artifact : ProvenanceKind.Message,
            Digest = Digest,
            TaskId = artifact ? "task-1" : null,
            ContextId = contextId,
            ContentId = contentId ?? "content-1",
            IssuedAt = 4,
            ExpiresAt = exp,
            Audience = audience,
            Parents = [.. Enumerable.Range(0, parents).Select(i => new ProvenanceParent(i == 0 ? ParentDigest : Digest, i == 0 ? "currency-agent" : "finance-agent"))],
        };

        byte[] bytes = statement.ToCanonicalJson();

        Assert.True(JsonCanonicalizer.IsCanonical(bytes), Encoding.UTF8.GetString(bytes));
        var envelope = ProvenanceEnvelope.Parse(Encoding.UTF8.GetBytes($$"""{"statement":{{Encoding.UTF8.GetString(bytes)}},"signature":"eyJhbGciOiJFZERTQSJ9..AAAA"}"""));
        Assert.Equal(bytes, envelope.StatementJson.ToArray());
        Assert.Equal(bytes, envelope.Statement.ToCanonicalJson());
        Assert.Equal(statement.ContentId, envelope.Statement.ContentId);
        Assert.Equal(statement.Audience, envelope.Statement.Audience);
        Assert.Equal(statement.ExpiresAt, envelope.Statement.ExpiresAt);
        Assert.Equal(statement.Parents, envelope.Statement.Parents);
    }
}
