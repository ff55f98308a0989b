using System.Runtime.CompilerServices;
using A2AGen.Protocol;
using A2AGen.Provenance;
using A2AGen.Security;

namespace A2AGen.Client;

/// <summary>
/// An <see cref="A2AClient"/>'s automatic provenance checks, for an agent whose card declares the extension: every
/// artifact (bound to its task and context) and every agent message a call returns is verified, and the result is kept
/// with the object the caller received (<see cref="A2AClient.ProvenanceOf(Artifact)"/>). A streamed artifact is verified
/// when its last chunk arrives, over the chunks assembled in order; its result is kept with that last chunk's artifact.
/// </summary>
internal sealed class ClientProvenance(ProvenanceVerifier verifier, ClientProvenanceMode mode)
{
    private readonly ConditionalWeakTable<object, ProvenanceVerificationResult> _results = new();

    /// <summary>The checks for <paramref name="card"/>'s agent, or null when its card declares no provenance or checks are off.</summary>
    public static ClientProvenance? For(ResolvedAgentCard? card, A2AClientOptions options)
    {
        if (options.Provenance == ClientProvenanceMode.Off || card?.Card.Capabilities.Extensions?.Any(static e => e.Uri == ProvenanceFormat.ExtensionUri) != true)
        {
            return null;
        }

        // No keys at all still verifies everything else; every signature is then Unverified, never Verified.
        var trust = options.ProvenanceTrust ?? options.CardTrust ?? new TrustStore();
        return new ClientProvenance(new ProvenanceVerifier(trust, options.ProvenanceVerification), options.Provenance);
    }

    public ProvenanceVerificationResult? ResultOf(object content) => _results.TryGetValue(content, out var result) ? result : null;

    public async Task<SendMessageResponse> CheckAsync(Task<SendMessageResponse> call)
    {
        var response = await call.ConfigureAwait(false);
        if (response.Task is { } task)
        {
            await CheckTaskAsync(task).ConfigureAwait(false);
        }
        else if (response.Message is { } message)
        {
            await CheckMessageAsync(message).ConfigureAwait(false);
        }

        return response;
    }

    public async Task<AgentTask> CheckAsync(Task<AgentTask> call)
    {
        var task = await call.ConfigureAwait(false);
        await CheckTaskAsync(task).ConfigureAwait(false);
        return task;
    }

    public async IAsyncEnumerable<StreamResponse> CheckAsync(IAsyncEnumerable<StreamResponse> events, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var chunks = new Dictionary<string, List<Part>>(StringComparer.Ordinal);
        await foreach (var item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (item.Task is { } task)
            {
                await CheckTaskAsync(task).ConfigureAwait(false);
            }
            else if (item.Message is { } message)
            {
                await CheckMessageAsync(message).ConfigureAwait(false);
            }
            else if (item.StatusUpdate?.Status is { Message: { Role: Role.Agent } statusMessage } status && status.State.IsInterrupted())
            {
                await CheckMessageAsync(statusMessage).ConfigureAwait(false);
            }
            else if (item.ArtifactUpdate is { } update)
            {
                var artifact = update.Artifact;
                if (!update.Append || !chunks.TryGetValue(artifact.ArtifactId, out var parts))
                {
                    chunks[artifact.ArtifactId] = parts = [];
                }

                parts.AddRange(artifact.Parts);
                if (update.LastChunk)
                {
                    chunks.Remove(artifact.ArtifactId);
                    var assembled = artifact with { Parts = parts };
                    Keep(artifact, await verifier.VerifyAsync(assembled, new ProvenanceExpectations { TaskId = update.TaskId, ContextId = update.ContextId }, cancellationToken).ConfigureAwait(false), "artifact", artifact.ArtifactId);
                }
            }

            yield return item;
        }
    }

    private async Task CheckTaskAsync(AgentTask task)
    {
        var expected = new ProvenanceExpectations { TaskId = task.Id, ContextId = task.ContextId };
        foreach (var artifact in task.Artifacts ?? [])
        {
            Keep(artifact, await verifier.VerifyAsync(artifact, expected).ConfigureAwait(false), "artifact", artifact.ArtifactId);
        }

        // The skill's own word (an interruption); a final status message is the host's (failure, cancellation), never signed.
        if (task.Status.Message is { Role: Role.Agent } message && task.Status.State.IsInterrupted())
        {
            await CheckMessageAsync(message).ConfigureAwait(false);
        }
    }

    // A message is bound to its own task and context (the verifier compares the envelope with them).
    private async Task CheckMessageAsync(Message message) =>
        Keep(message, await verifier.VerifyAsync(message).ConfigureAwait(false), "message", message.MessageId);

    private void Keep(object content, ProvenanceVerificationResult result, string kind, string id)
    {
        _results.AddOrUpdate(content, result);
        var fails = result.Status == ProvenanceStatus.Invalid
            ? mode is ClientProvenanceMode.ThrowOnInvalid or ClientProvenanceMode.ThrowUnlessVerified
            : !result.IsVerified && mode == ClientProvenanceMode.ThrowUnlessVerified;
        if (fails)
        {
            throw new A2AClientException(
                $"The {kind} '{CallerText.Sanitize(id)}' is {result.Status} ({result.Reason}): {CallerText.Sanitize(result.Detail)}",
                reason: result.Reason);
        }
    }
}
