using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Provenance;

/// <summary>
/// Verifies provenance envelopes and whole chains. For the content's own envelope: the content digest and id, the
/// task and context (against <see cref="ProvenanceExpectations"/>: an envelope replayed elsewhere is Invalid), the
/// audience, the times, and the signature — a detached JWS, <c>typ</c> <c>a2a-provenance+jws</c>, the key only from the
/// trust-store entry of <c>iss</c> (a key trusted for another agent is Invalid, no trusted key Unverified). Then, without
/// recursion, every parent: found by digest among the carried ancestors or through the resolver (what comes back must
/// have that digest), its <c>iss</c> as the link names it, its times against its child's, its signature. Depth, link
/// count and bytes are bounded; a link back onto its own path is a cycle; a carried ancestor no link cites is Invalid.
/// Each envelope's statement is canonicalized once. A chain that verified is remembered by the hash of its bytes; a
/// repeat skips the signatures only (keys, times, binding, audience and content are checked again). Thread-safe.
/// </summary>
public sealed class ProvenanceVerifier
{
    private readonly IJwsKeyResolver _keys;
    private readonly JwsVerifier _jws;
    private readonly VerifiedChainCache? _cache;
    private readonly long _skew;

    /// <summary>Creates a verifier.</summary>
    /// <param name="keys">Trusted keys by agent id (usually a <see cref="TrustStore"/>).</param>
    /// <param name="options">Rules, limits, resolver, cache size.</param>
    /// <exception cref="ArgumentException">An option is out of range, or an algorithm A2AGen never accepts is allowed.</exception>
    public ProvenanceVerifier(IJwsKeyResolver keys, ProvenanceVerifierOptions? options = null)
    {
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        Options = options ?? new ProvenanceVerifierOptions();
        if (Options.ClockSkew < TimeSpan.Zero || Options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"A clock skew of {Options.ClockSkew} is outside 0 to 5 minutes.", nameof(options));
        }

        var limits = Options.Limits ?? throw new ArgumentException("Limits must be set.", nameof(options));
        if (limits.MaxDepth < 0 || limits.MaxLinks < 1 || limits.MaxChainBytes < 1024 || limits.MaxParents < 0 || Options.CacheCapacity < 0)
        {
            throw new ArgumentException("The limits must allow at least one envelope of 1 KiB, and no limit or the cache capacity may be negative.", nameof(options));
        }

        _skew = (long)Options.ClockSkew.TotalSeconds;
        _jws = new JwsVerifier(keys, new JwsVerificationOptions
        {
            AllowedAlgorithms = Options.AllowedAlgorithms,
            ExpectedType = ProvenanceFormat.SignatureType,
            MaxTokenLength = 8 * 1024,
            MaxPayloadLength = limits.MaxChainBytes,
        });
        _cache = Options.CacheCapacity > 0 ? new VerifiedChainCache(Options.CacheCapacity) : null;
    }

    /// <summary>The rules in force.</summary>
    public ProvenanceVerifierOptions Options { get; }

    /// <summary>How many verified chains the cache holds.</summary>
    public int CachedCount => _cache?.Count ?? 0;

    /// <summary>Verifies the provenance chain of an artifact (parents from its carried ancestors and a synchronous resolver).</summary>
    /// <param name="artifact">The artifact as received.</param>
    /// <param name="expected">The task and context it arrived in, and this verifier's names.</param>
    public ProvenanceVerificationResult Verify(Artifact artifact, ProvenanceExpectations? expected = null) => Wait(VerifyAsync(artifact, expected));

    /// <summary>Verifies the provenance chain of an agent message.</summary>
    /// <param name="message">The message as received.</param>
    /// <param name="expected">The task and context it arrived in, and this verifier's names.</param>
    public ProvenanceVerificationResult Verify(Message message, ProvenanceExpectations? expected = null) => Wait(VerifyAsync(message, expected));

    /// <summary>Verifies the provenance chain of an artifact.</summary>
    /// <param name="artifact">The artifact as received.</param>
    /// <param name="expected">The task and context it arrived in, and this verifier's names.</param>
    /// <param name="cancellationToken">Cancels a resolver's fetch.</param>
    public ValueTask<ProvenanceVerificationResult> VerifyAsync(Artifact artifact, ProvenanceExpectations? expected = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var envelope = ProvenanceFormat.FindEnvelope(artifact);
        return envelope is null ? ValueTask.FromResult(Missing()) : VerifyAsync(envelope.Value, () => ProvenanceSubject.For(artifact), expected, cancellationToken);
    }

    /// <summary>Verifies the provenance chain of an agent message.</summary>
    /// <param name="message">The message as received.</param>
    /// <param name="expected">The task and context it arrived in, and this verifier's names.</param>
    /// <param name="cancellationToken">Cancels a resolver's fetch.</param>
    public ValueTask<ProvenanceVerificationResult> VerifyAsync(Message message, ProvenanceExpectations? expected = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var envelope = ProvenanceFormat.FindEnvelope(message);
        return envelope is null ? ValueTask.FromResult(Missing()) : VerifyAsync(envelope.Value, () => ProvenanceSubject.For(message), expected, cancellationToken);
    }

    /// <summary>Verifies an envelope (the metadata value) against the content it must vouch for.</summary>
    /// <param name="envelope">The envelope JSON, ancestors included.</param>
    /// <param name="subject">The content's kind, digest and id.</param>
    /// <param name="expected">The task and context it arrived in, and this verifier's names.</param>
    /// <param name="cancellationToken">Cancels a resolver's fetch.</param>
    public ValueTask<ProvenanceVerificationResult> VerifyAsync(JsonElement envelope, ProvenanceSubject subject, ProvenanceExpectations? expected = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return VerifyAsync(envelope, () => subject, expected, cancellationToken);
    }

    /// <summary>
    /// Verifies an artifact or message given as JSON (e.g. read from a file): the envelope from its metadata, the
    /// content digest over the JSON as it is (<see cref="ProvenanceFormat.ComputeDigest(JsonElement)"/>).
    /// </summary>
    /// <param name="content">The artifact or message JSON object.</param>
    /// <param name="expected">The task and context it arrived in, and this verifier's names.</param>
    /// <param name="cancellationToken">Cancels a resolver's fetch.</param>
    public ValueTask<ProvenanceVerificationResult> VerifyJsonAsync(JsonElement content, ProvenanceExpectations? expected = null, CancellationToken cancellationToken = default)
    {
        if (content.ValueKind != JsonValueKind.Object
            || !content.TryGetProperty("metadata"u8, out var metadata)
            || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty(ProvenanceFormat.MetadataKey, out var envelope))
        {
            return ValueTask.FromResult(Missing());
        }

        return VerifyAsync(envelope, () => ProvenanceSubject.FromJson(content), expected, cancellationToken);
    }

    private async ValueTask<ProvenanceVerificationResult> VerifyAsync(JsonElement element, Func<ProvenanceSubject> describe, ProvenanceExpectations? expected, CancellationToken cancellationToken)
    {
        expected ??= ProvenanceExpectations.None;
        var now = Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        ProvenanceSubject subject;
        try
        {
            subject = describe();
        }
        catch (FormatException e)
        {
            var root = new ProvenanceLinkResult(0, null, null, null, "content").Fail(ProvenanceStatus.Invalid, ProvenanceReasons.Malformed, $"the content cannot be canonicalized: {e.Message}");
            return Complete([root], [], expected, null);
        }

        UInt128Pair cacheKey = default;
        if (_cache is not null)
        {
            cacheKey = HashOf(element);
            if (_cache.TryGet(cacheKey, out var cached))
            {
                if (StillHolds(cached, subject, expected, now))
                {
                    return new ProvenanceVerificationResult(ProvenanceStatus.Verified, null, null, cached.Links, IsBindingChecked(expected), IsAudienceChecked(cached.Root!.Envelope!, expected), fromCache: true);
                }

                // Something changed (a key, the clock, the content): verify afresh, so the answer says what.
                _cache.Remove(cacheKey);
            }
        }

        var limits = Options.Limits;
        if (!ProvenanceEnvelope.TryParse(element, limits, out var envelope, out var problem))
        {
            var failed = new ProvenanceLinkResult(0, null, null, null, "content").Fail(problem);
            return Complete([failed], [], expected, null);
        }

        var links = new List<ProvenanceLinkResult>();
        var rootLink = new ProvenanceLinkResult(0, envelope.Digest, envelope.Statement.Issuer, envelope, "content");
        links.Add(rootLink);
        if (CheckRoot(envelope.Statement, subject, expected, now) is { } rootProblem)
        {
            rootLink.Fail(rootProblem);
        }
        else
        {
            CheckSignature(rootLink, envelope);
        }

        var carried = new Dictionary<string, ProvenanceEnvelope>(envelope.Ancestors.Count, StringComparer.Ordinal);
        foreach (var ancestor in envelope.Ancestors)
        {
            carried.TryAdd(ancestor.Digest, ancestor);
        }

        var cited = new HashSet<string>(StringComparer.Ordinal);
        if (rootLink.Status != ProvenanceStatus.Invalid)
        {
            await WalkParentsAsync(envelope, rootLink, carried, cited, links, JsonMarshal.GetRawUtf8Value(element).Length, cancellationToken).ConfigureAwait(false);
        }

        var result = Complete(links, carried.Keys.Where(d => !cited.Contains(d)).ToList(), expected, envelope);
        if (_cache is not null && result.IsVerified)
        {
            _cache.Add(cacheKey, result);
        }

        return result;
    }

    // Depth-first with an explicit stack: a chain of any depth costs heap, never call stack.
    private async ValueTask WalkParentsAsync(ProvenanceEnvelope root, ProvenanceLinkResult rootLink, Dictionary<string, ProvenanceEnvelope> carried, HashSet<string> cited, List<ProvenanceLinkResult> links, long bytes, CancellationToken cancellationToken)
    {
        var limits = Options.Limits;
        var onPath = new HashSet<string>(StringComparer.Ordinal) { root.Digest };
        var done = new Dictionary<string, ProvenanceEnvelope>(StringComparer.Ordinal);
        var stack = new List<(ProvenanceEnvelope Envelope, int Next)> { (root, 0) };
        while (stack.Count > 0)
        {
            var (child, next) = stack[^1];
            var parents = child.Statement.Parents;
            if (next == parents.Count)
            {
                stack.RemoveAt(stack.Count - 1);
                onPath.Remove(child.Digest);
                done.TryAdd(child.Digest, child);
                continue;
            }

            stack[^1] = (child, next + 1);
            var parentLink = parents[next];
            cited.Add(parentLink.Digest);
            int depth = stack.Count;
            if (onPath.Contains(parentLink.Digest))
            {
                links.Add(new ProvenanceLinkResult(depth, parentLink.Digest, parentLink.Issuer, null, null)
                    .Fail(ProvenanceStatus.Invalid, ProvenanceReasons.Cycle, $"'{child.Statement.Issuer}' names a parent that is its own descendant ({parentLink.Digest})"));
                continue;
            }

            if (done.TryGetValue(parentLink.Digest, out var seen))
            {
                // A parent shared by two children (a diamond) is verified once; only this link's own facts are checked.
                if (!string.Equals(seen.Statement.Issuer, parentLink.Issuer, StringComparison.Ordinal))
                {
                    links.Add(new ProvenanceLinkResult(depth, parentLink.Digest, parentLink.Issuer, seen, "carried")
                        .Fail(ProvenanceStatus.Invalid, ProvenanceReasons.ParentIssuerMismatch, $"the link names '{parentLink.Issuer}' but the parent was signed by '{seen.Statement.Issuer}'"));
                }

                continue;
            }

            if (depth > limits.MaxDepth)
            {
                links.Add(new ProvenanceLinkResult(depth, parentLink.Digest, parentLink.Issuer, null, null)
                    .Fail(ProvenanceStatus.Invalid, ProvenanceReasons.ChainTooDeep, $"the chain is deeper than {limits.MaxDepth} links; its older parents were not checked"));
                return;
            }

            if (links.Count >= limits.MaxLinks)
            {
                links.Add(new ProvenanceLinkResult(depth, parentLink.Digest, parentLink.Issuer, null, null)
                    .Fail(ProvenanceStatus.Invalid, ProvenanceReasons.ChainTooLarge, $"the chain has more than {limits.MaxLinks} links; the rest were not checked"));
                return;
            }

            string source = "carried";
            if (!carried.TryGetValue(parentLink.Digest, out var parent) && Options.ParentResolver is { } resolver)
            {
                source = "resolver";
                var resolved = await resolver.ResolveAsync(parentLink, cancellationToken).ConfigureAwait(false);
                if (resolved is not null && string.Equals(resolved.Digest, parentLink.Digest, StringComparison.Ordinal))
                {
                    parent = resolved.WithoutAncestors();
                    bytes += parent.SignedSize;
                    if (bytes > limits.MaxChainBytes)
                    {
                        links.Add(new ProvenanceLinkResult(depth, parentLink.Digest, parentLink.Issuer, null, source)
                            .Fail(ProvenanceStatus.Invalid, ProvenanceReasons.ChainTooLarge, $"the chain is larger than {limits.MaxChainBytes} bytes; the rest was not checked"));
                        return;
                    }
                }
            }

            if (parent is null)
            {
                links.Add(new ProvenanceLinkResult(depth, parentLink.Digest, parentLink.Issuer, null, null)
                    .Fail(ProvenanceStatus.Invalid, ProvenanceReasons.ParentNotFound, DescribeMissing(parentLink, child, carried)));
                continue;
            }

            var link = new ProvenanceLinkResult(depth, parentLink.Digest, parentLink.Issuer, parent, source);
            links.Add(link);
            if (CheckParent(parent.Statement, parentLink, child.Statement) is { } parentProblem)
            {
                link.Fail(parentProblem);
            }
            else
            {
                CheckSignature(link, parent);
            }

            if (link.Status == ProvenanceStatus.Invalid)
            {
                // Its own parents are not worth following: nothing vouches for the list.
                done.TryAdd(parent.Digest, parent);
                continue;
            }

            onPath.Add(parent.Digest);
            stack.Add((parent, 0));
        }
    }

    private ProvenanceProblem? CheckRoot(ProvenanceStatement statement, ProvenanceSubject subject, ProvenanceExpectations expected, long now)
    {
        if (statement.Kind != subject.Kind || !string.Equals(statement.ContentId, subject.ContentId, StringComparison.Ordinal))
        {
            return new(ProvenanceReasons.ContentIdMismatch,
                $"the envelope vouches for {Describe(statement.Kind)} '{CallerText.Sanitize(statement.ContentId)}', but it is carried by {Describe(subject.Kind)} '{CallerText.Sanitize(subject.ContentId)}'");
        }

        if (!string.Equals(statement.Digest, subject.Digest, StringComparison.Ordinal))
        {
            return new(ProvenanceReasons.ContentMismatch, $"the content's digest is {subject.Digest}, the statement names {statement.Digest}: the content was changed after signing");
        }

        if (subject.StatedBinding is { } stated && (!string.Equals(stated.TaskId, statement.TaskId, StringComparison.Ordinal) || !string.Equals(stated.ContextId, statement.ContextId, StringComparison.Ordinal)))
        {
            return new(ProvenanceReasons.BindingMismatch, "the statement's task or context is not the one the message states");
        }

        if (expected.TaskId is { } taskId && !string.Equals(taskId, statement.TaskId, StringComparison.Ordinal))
        {
            return new(ProvenanceReasons.BindingMismatch, $"the envelope is bound to task '{CallerText.Sanitize(statement.TaskId ?? "(none)")}', but arrived in task '{CallerText.Sanitize(taskId)}': a replay");
        }

        if (expected.ContextId is { } contextId && !string.Equals(contextId, statement.ContextId, StringComparison.Ordinal))
        {
            return new(ProvenanceReasons.BindingMismatch, $"the envelope is bound to context '{CallerText.Sanitize(statement.ContextId)}', but arrived in context '{CallerText.Sanitize(contextId)}': a replay");
        }

        if (statement.Audience is { } audience && expected.Audiences is { Count: > 0 } names && !names.Contains(audience, StringComparer.Ordinal))
        {
            return new(ProvenanceReasons.AudienceMismatch, $"'aud' is '{CallerText.Sanitize(audience)}', which names none of {string.Join(", ", names)}");
        }

        if (statement.ExpiresAt is { } expiresAt && now >= expiresAt + _skew)
        {
            return new(ProvenanceReasons.Expired, $"the envelope expired at {DateTimeOffset.FromUnixTimeSeconds(expiresAt):O}");
        }

        if (statement.IssuedAt > now + _skew)
        {
            return new(ProvenanceReasons.IssuedInFuture, $"the envelope was issued in the future ({DateTimeOffset.FromUnixTimeSeconds(statement.IssuedAt):O})");
        }

        return null;
    }

    private ProvenanceProblem? CheckParent(ProvenanceStatement parent, ProvenanceParent link, ProvenanceStatement child)
    {
        if (!string.Equals(parent.Issuer, link.Issuer, StringComparison.Ordinal))
        {
            return new(ProvenanceReasons.ParentIssuerMismatch, $"'{child.Issuer}' names '{link.Issuer}' as this parent's signer, but its statement says '{parent.Issuer}'");
        }

        if (parent.IssuedAt > child.IssuedAt + _skew)
        {
            return new(ProvenanceReasons.IssuedInFuture, $"the parent was signed at {DateTimeOffset.FromUnixTimeSeconds(parent.IssuedAt):O}, after '{child.Issuer}' used it ({DateTimeOffset.FromUnixTimeSeconds(child.IssuedAt):O})");
        }

        if (parent.ExpiresAt is { } expiresAt && child.IssuedAt >= expiresAt + _skew)
        {
            return new(ProvenanceReasons.Expired, $"the parent had expired ({DateTimeOffset.FromUnixTimeSeconds(expiresAt):O}) when '{child.Issuer}' used it");
        }

        return null;
    }

    private void CheckSignature(ProvenanceLinkResult link, ProvenanceEnvelope envelope)
    {
        string issuer = envelope.Statement.Issuer;
        var result = _jws.VerifyDetached(envelope.Signature, envelope.StatementJson.Span, issuer);
        link.SetSignature(result.Header?.Algorithm, result.Key);
        if (result.IsValid)
        {
            return;
        }

        string detail = result.Detail ?? result.ReasonCode;
        switch (result.Failure)
        {
            case VerificationFailure.TypeMismatch:
                link.Fail(ProvenanceStatus.Invalid, ProvenanceReasons.SignatureTypeMismatch, detail);
                break;
            case VerificationFailure.AlgorithmNotAllowed:
                link.Fail(ProvenanceStatus.Invalid, ProvenanceReasons.SignatureAlgorithmNotAllowed, detail);
                break;
            case VerificationFailure.CritUnsupported:
                link.Fail(ProvenanceStatus.Invalid, ProvenanceReasons.CritUnsupported, detail);
                break;
            case VerificationFailure.SignatureInvalid:
            case VerificationFailure.AlgorithmKeyMismatch:
                link.Fail(ProvenanceStatus.Invalid, ProvenanceReasons.SignatureInvalid, $"{detail} of '{issuer}' (the statement was changed after signing, or signed with another key)");
                break;
            case VerificationFailure.KeyNotFound:
                string? kid = result.Header?.KeyId;
                var owners = kid is null ? [] : _keys.ResolveKeys(null, kid);
                if (owners.Count > 0 && !string.Equals(owners[0].AgentId, issuer, StringComparison.Ordinal))
                {
                    link.Fail(ProvenanceStatus.Invalid, ProvenanceReasons.KeyNotOwnedBySigner, $"the key '{CallerText.Sanitize(kid)}' is trusted, but not for '{issuer}'");
                }
                else if (_keys.ResolveKeys(issuer, null).Count == 0)
                {
                    link.Fail(ProvenanceStatus.Unverified, ProvenanceReasons.SignerUntrusted, $"no key is trusted for '{issuer}'");
                }
                else
                {
                    link.Fail(ProvenanceStatus.Unverified, ProvenanceReasons.SigningKeyUnknown, $"'{issuer}' has no trusted key with kid '{CallerText.Sanitize(kid ?? "")}'");
                }

                break;
            default:
                link.Fail(ProvenanceStatus.Invalid, ProvenanceReasons.SignatureMalformed, detail);
                break;
        }
    }

    private bool StillHolds(ProvenanceVerificationResult cached, ProvenanceSubject subject, ProvenanceExpectations expected, long now)
    {
        if (CheckRoot(cached.Root!.Envelope!.Statement, subject, expected, now) is not null)
        {
            return false;
        }

        foreach (var link in cached.Links)
        {
            if (link.Key is not { } key || !IsStillTrusted(key))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsStillTrusted(TrustedKey key)
    {
        var current = _keys.ResolveKeys(key.AgentId, key.KeyId);
        for (int i = 0; i < current.Count; i++)
        {
            if (ReferenceEquals(current[i], key) || current[i].PublicKey.Equals(key.PublicKey))
            {
                return true;
            }
        }

        return false;
    }

    private static ProvenanceVerificationResult Complete(List<ProvenanceLinkResult> links, IReadOnlyList<string> unlinked, ProvenanceExpectations expected, ProvenanceEnvelope? root)
    {
        var invalid = links.Find(l => l.Status == ProvenanceStatus.Invalid);
        bool binding = IsBindingChecked(expected);
        bool audience = root is not null && IsAudienceChecked(root, expected);
        if (invalid is not null)
        {
            return new(ProvenanceStatus.Invalid, invalid.Reason, Where(invalid) + invalid.Detail, links, binding, audience, fromCache: false);
        }

        if (unlinked.Count > 0)
        {
            return new(ProvenanceStatus.Invalid, ProvenanceReasons.AncestorUnlinked,
                $"{unlinked.Count} carried ancestor(s) are cited by no envelope of the chain (added or altered on the way), e.g. {unlinked[0]}", links, binding, audience, fromCache: false);
        }

        var unverified = links.Find(l => l.Status == ProvenanceStatus.Unverified);
        return unverified is null
            ? new(ProvenanceStatus.Verified, null, null, links, binding, audience, fromCache: false)
            : new(ProvenanceStatus.Unverified, unverified.Reason, Where(unverified) + unverified.Detail, links, binding, audience, fromCache: false);
    }

    private static string Where(ProvenanceLinkResult link) =>
        link.Depth == 0 ? "" : $"parent at depth {link.Depth} ({link.ClaimedIssuer}, {link.Digest}): ";

    private static string DescribeMissing(ProvenanceParent link, ProvenanceEnvelope child, Dictionary<string, ProvenanceEnvelope> carried)
    {
        bool sameSigner = carried.Values.Any(a => string.Equals(a.Statement.Issuer, link.Issuer, StringComparison.Ordinal));
        return $"'{child.Statement.Issuer}' names a parent of '{link.Issuer}' with digest {link.Digest}, which no carried ancestor or resolver has"
            + (sameSigner ? $" (a carried ancestor of '{link.Issuer}' has another digest: altered?)" : "");
    }

    private static ProvenanceVerificationResult Missing() =>
        new(ProvenanceStatus.Unverified, ProvenanceReasons.Missing, $"the content carries no '{ProvenanceFormat.MetadataKey}' metadata", [], bindingChecked: false, audienceChecked: false, fromCache: false);

    private static bool IsBindingChecked(ProvenanceExpectations expected) => expected.TaskId is not null || expected.ContextId is not null;

    private static bool IsAudienceChecked(ProvenanceEnvelope root, ProvenanceExpectations expected) =>
        root.Statement.Audience is not null && expected.Audiences is { Count: > 0 };

    private static string Describe(ProvenanceKind kind) => kind == ProvenanceKind.Artifact ? "artifact" : "message";

    private static UInt128Pair HashOf(JsonElement element)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(JsonMarshal.GetRawUtf8Value(element), hash);
        return new UInt128Pair(BinaryPrimitives.ReadUInt128LittleEndian(hash), BinaryPrimitives.ReadUInt128LittleEndian(hash[16..]));
    }

    private static T Wait<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();
}
