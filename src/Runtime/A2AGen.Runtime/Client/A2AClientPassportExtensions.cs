using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Passport;
using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Client;

/// <summary>
/// Sends messages with a Secure Passport in one call: build the passport from a dictionary or a typed state object,
/// sign it for the agent called (<c>aud</c> = <see cref="A2AClient.PassportAudience"/>, the agent's HTTP endpoint on every
/// binding), attach it under the extension URI, and activate
/// the extension (<c>A2A-Extensions</c>) for that call.
/// </summary>
public static class A2AClientPassportExtensions
{
    /// <summary>Signs a passport with <paramref name="state"/> for this client's agent and sends <paramref name="message"/> with it.</summary>
    /// <param name="client">The client.</param>
    /// <param name="message">The message (other metadata is kept).</param>
    /// <param name="signer">Signs as the calling agent (its <c>clientId</c> and key).</param>
    /// <param name="state">The state to share.</param>
    /// <param name="sessionId">The session id, if any.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static Task<SendMessageResponse> SendMessageWithPassportAsync(this A2AClient client, Message message, PassportSigner signer, IReadOnlyDictionary<string, JsonElement> state, string? sessionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(signer);
        return client.SendMessageWithPassportAsync(message, signer.Create(state, sessionId, AudienceOf(client)), cancellationToken);
    }

    /// <summary>Signs a passport with string-valued <paramref name="state"/> for this client's agent and sends <paramref name="message"/> with it.</summary>
    /// <param name="client">The client.</param>
    /// <param name="message">The message.</param>
    /// <param name="signer">Signs as the calling agent.</param>
    /// <param name="state">The state to share (<c>{"user_preferred_currency": "GBP"}</c>).</param>
    /// <param name="sessionId">The session id, if any.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static Task<SendMessageResponse> SendMessageWithPassportAsync(this A2AClient client, Message message, PassportSigner signer, IReadOnlyDictionary<string, string> state, string? sessionId = null, CancellationToken cancellationToken = default) =>
        client.SendMessageWithPassportAsync(message, signer, PassportState.FromStrings(state), sessionId, cancellationToken);

    /// <summary>Signs a passport whose state is a typed object for this client's agent and sends <paramref name="message"/> with it.</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="message">The message.</param>
    /// <param name="signer">Signs as the calling agent.</param>
    /// <param name="state">The state.</param>
    /// <param name="typeInfo">Its JSON metadata (see <see cref="PassportState.FromObject{TState}"/> for the key names agents expect).</param>
    /// <param name="sessionId">The session id, if any.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static Task<SendMessageResponse> SendMessageWithPassportAsync<TState>(this A2AClient client, Message message, PassportSigner signer, TState state, JsonTypeInfo<TState> typeInfo, string? sessionId = null, CancellationToken cancellationToken = default) =>
        client.SendMessageWithPassportAsync(message, signer, PassportState.FromObject(state, typeInfo), sessionId, cancellationToken);

    /// <summary>Sends <paramref name="message"/> with a passport made beforehand (signed or not; e.g. one signed once per session).</summary>
    /// <param name="client">The client.</param>
    /// <param name="message">The message.</param>
    /// <param name="passport">The passport.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static Task<SendMessageResponse> SendMessageWithPassportAsync(this A2AClient client, Message message, CallerContext passport, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return client.SendMessageWithPassportAsync(new SendMessageRequest { Message = message }, passport, cancellationToken);
    }

    /// <summary>Sends a message request with a passport attached to its message.</summary>
    /// <param name="client">The client.</param>
    /// <param name="request">The message and its configuration.</param>
    /// <param name="passport">The passport.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static Task<SendMessageResponse> SendMessageWithPassportAsync(this A2AClient client, SendMessageRequest request, CallerContext passport, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SendMessageAsync(Attach(request, passport), PassportFormat.ExtensionUri, cancellationToken);
    }

    /// <summary>Streams a message request with a passport attached to its message (<c>SendStreamingMessage</c>).</summary>
    /// <param name="client">The client.</param>
    /// <param name="request">The message and its configuration.</param>
    /// <param name="passport">The passport.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static IAsyncEnumerable<StreamResponse> SendStreamingMessageWithPassportAsync(this A2AClient client, SendMessageRequest request, CallerContext passport, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SendStreamingMessageAsync(Attach(request, passport), PassportFormat.ExtensionUri, cancellationToken);
    }

    /// <summary>Signs a passport for the agent this client calls (<c>aud</c> = <see cref="A2AClient.PassportAudience"/>), to send with several messages.</summary>
    /// <param name="client">The client.</param>
    /// <param name="signer">Signs as the calling agent.</param>
    /// <param name="state">The state to share.</param>
    /// <param name="sessionId">The session id, if any.</param>
    public static CallerContext CreatePassport(this A2AClient client, PassportSigner signer, IReadOnlyDictionary<string, JsonElement> state, string? sessionId = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(signer);
        return signer.Create(state, sessionId, AudienceOf(client));
    }

    private static SendMessageRequest Attach(SendMessageRequest request, CallerContext passport)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(passport);
        var message = request.Message ?? throw new ArgumentException("The request has no message to attach the passport to.", nameof(request));
        return request with { Message = message.WithPassport(passport) };
    }

    private static string AudienceOf(A2AClient client) => RequestTarget.Normalize(client.PassportAudience) ?? client.PassportAudience.AbsoluteUri;
}
