using System.Security.Cryptography;
using A2AGen.Biscuit;
using A2AGen.Biscuit.Crypto;
using A2AGen.Hosting.Tests.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace A2AGen.Hosting.Tests.Biscuit;

/// <summary>
/// Trusted Biscuit roots: <c>trusted/biscuit/&lt;issuer&gt;.pub.pem</c> in the key directory (made by the openssl CLI)
/// and <c>A2AGEN_BISCUIT_ROOT_KEYS</c>; every problem with them, and a Biscuit skill without any root, is one startup line.
/// </summary>
public sealed class BiscuitTrustStartupTests
{
    [Fact]
    public async Task A_P256_root_made_by_openssl_in_trusted_biscuit_verifies_tokens_its_key_mints()
    {
        var keys = TestKeys.NewDirectory("biscuit-roots");
        var privatePem = OpenSslCli.NewKey(Path.Combine(keys, "issuers", "finance-authority.key.pem"), p256: true);
        Directory.CreateDirectory(Path.Combine(keys, "trusted", "biscuit"));
        OpenSslCli.Run("pkey", "-in", privatePem, "-pubout", "-out", Path.Combine(keys, "trusted", "biscuit", "finance-authority.pub.pem"));
        using var ec = ECDsa.Create();
        ec.ImportFromPem(File.ReadAllText(privatePem));
        using var root = BiscuitKeyPair.FromPrivateKey(BiscuitAlgorithm.Secp256r1, ec.ExportParameters(true).D);

        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys);
                s.AddA2AAgent<BudgetAgent>();
            },
            app => app.MapA2AAgent<BudgetAgent>("/budget"));
        var token = BiscuitToken.Create(root, "right(\"budget\", \"approve\");").ToBase64();
        var reply = await Rpc.CallAsync(host.Client, "/budget", "SendMessage", Rpc.UserText("q", "approve"), [Rpc.Header("Authorization", "Bearer " + token)]);
        Assert.False(reply.IsError, reply.Raw);
    }

    [Fact]
    public async Task A_root_from_the_environment_is_trusted()
    {
        using var root = BiscuitKeyPair.Create();
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.Configure<A2AKeyOptions>(o => o.GetEnvironmentVariable = name => name == A2ABiscuitOptions.RootKeysVariable ? " " + root.PublicKey + " ; " : null);
                s.AddA2AAgent<BudgetAgent>();
            },
            app => app.MapA2AAgent<BudgetAgent>("/budget"));
        var token = BiscuitToken.Create(root, "right(\"budget\", \"approve\");").ToBase64();
        var reply = await Rpc.CallAsync(host.Client, "/budget", "SendMessage", Rpc.UserText("q", "approve"), [Rpc.Header("Authorization", "Bearer " + token)]);
        Assert.False(reply.IsError, reply.Raw);
    }

    [Fact]
    public async Task A_Biscuit_skill_without_any_trusted_root_stops_the_start_naming_the_skill_and_the_folder()
    {
        var (code, line) = await RunAsync(_ => { });
        Assert.Equal(A2AExitCodes.Configuration, code);
        Assert.StartsWith("A2A agent 'budget-agent' (BudgetAgent): skill 'approve' requires a Biscuit, but the host trusts no Biscuit root key.", line, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("trusted", "biscuit", "<issuer>.pub.pem"), line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a pem", "is not a Biscuit root key")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n", "holds a private key")]
    public async Task A_bad_root_file_names_the_file(string content, string problem)
    {
        var keys = TestKeys.NewDirectory("biscuit-bad-root");
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(keys, "trusted", "biscuit")).FullName, "finance-authority.pub.pem");
        File.WriteAllText(file, content);
        var (code, line) = await RunAsync(s => s.Configure<A2AKeyOptions>(o => o.KeysDirectory = keys));
        Assert.Equal(A2AExitCodes.Configuration, code);
        Assert.StartsWith($"A2A agent 'budget-agent': {file} {problem}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_environment_value_or_revocation_id_is_one_line()
    {
        var (_, keyLine) = await RunAsync(s => s.Configure<A2AKeyOptions>(o => o.GetEnvironmentVariable = name => name == A2ABiscuitOptions.RootKeysVariable ? "ed25519/xyz" : null));
        Assert.Contains("A2AGEN_BISCUIT_ROOT_KEYS holds 'ed25519/xyz', which is not a Biscuit public key", keyLine, StringComparison.Ordinal);

        using var root = BiscuitKeyPair.Create();
        var (_, revokedLine) = await RunAsync(s => s.Configure<A2ABiscuitOptions>(o =>
        {
            o.RootKeys.Add(root.PublicKey);
            o.RevokedIds.Add("not-hex");
        }));
        Assert.Contains("the Biscuit revocation id 'not-hex' is not hex", revokedLine, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Line)> RunAsync(Action<IServiceCollection> configure)
    {
        var (app, _) = TestHost.Build(
            s =>
            {
                configure(s);
                s.AddA2AAgent<BudgetAgent>();
            },
            a => a.MapA2AAgent<BudgetAgent>("/budget"));
        using var errors = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var code = await A2AHostExtensions.RunA2AAsync(app, errors, timeout.Token);
        Assert.False(timeout.IsCancellationRequested, "the host started instead of failing");
        var line = errors.ToString().TrimEnd();
        Assert.DoesNotContain('\n', line);
        return (code, line);
    }
}
