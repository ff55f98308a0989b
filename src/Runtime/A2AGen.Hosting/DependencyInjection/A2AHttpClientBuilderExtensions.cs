using A2AGen.Client;
using A2AGen.Hosting;
using A2AGen.Security;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Signs the requests of an <c>IHttpClientFactory</c> client as an A2A agent.</summary>
public static class A2AHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds an <see cref="A2ASigningHandler"/> that signs every request as the hosted agent <paramref name="agentId"/>,
    /// with its key from the host's <see cref="A2AKeyRing"/>: <c>services.AddHttpClient("currency").AddA2ARequestSigning("travel-desk")</c>.
    /// Add it after retry handlers so each attempt gets its own token.
    /// </summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="agentId">The hosted agent that calls (its id becomes <c>iss</c>).</param>
    /// <param name="options">Signature lifetime and clock.</param>
    public static IHttpClientBuilder AddA2ARequestSigning(this IHttpClientBuilder builder, string agentId, RequestSigningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AgentId.Validate(agentId, nameof(agentId));
        return builder.AddHttpMessageHandler(sp => new A2ASigningHandler(sp.GetRequiredService<A2AKeyRing>().CreateRequestSigner(agentId, options)));
    }

    /// <summary>Adds an <see cref="A2ASigningHandler"/> whose signer comes from <paramref name="signer"/> (a key held outside the host's key ring).</summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="signer">Creates the signer from the application's services.</param>
    public static IHttpClientBuilder AddA2ARequestSigning(this IHttpClientBuilder builder, Func<IServiceProvider, RequestSigner> signer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(signer);
        return builder.AddHttpMessageHandler(sp => new A2ASigningHandler(signer(sp)));
    }
}
