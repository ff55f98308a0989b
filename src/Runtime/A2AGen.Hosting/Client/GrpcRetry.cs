using System.Globalization;
using A2AGen.Client;
using Grpc.Core;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace A2AGen.Hosting;

/// <summary>
/// The gRPC transport's side of <see cref="A2AClientOptions.Retry"/>: the same Polly v8 policy as the HTTP transports
/// (attempts, exponential backoff with jitter, the call's whole budget), retrying a unary call that ended
/// <c>UNAVAILABLE</c> or <c>RESOURCE_EXHAUSTED</c>. Every attempt is a new call, so the signing interceptor signs it
/// afresh. gRPC has no <c>Retry-After</c>; server streams are not retried (their errors arrive with the first read).
/// </summary>
internal sealed class GrpcRetry
{
    private readonly ResiliencePipeline? _pipeline;
    private readonly TimeSpan _budget;

    public GrpcRetry(A2ARetryOptions options)
    {
        _budget = options.TotalBudget;
        if (options.MaxAttempts <= 1 && options.TotalBudget == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider ?? TimeProvider.System };
        if (options.TotalBudget != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.TotalBudget);
        }

        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted),
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>Runs <paramref name="attempt"/>, again for each retry when <paramref name="retry"/> (the operation is safe to repeat).</summary>
    public async Task<TReply> RunAsync<TReply>(Func<CancellationToken, Task<TReply>> attempt, bool retry, Uri endpoint, CancellationToken cancellationToken)
    {
        if (!retry || _pipeline is null)
        {
            return await attempt(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await _pipeline.ExecuteAsync(
                async token =>
                {
                    try
                    {
                        return await attempt(token).ConfigureAwait(false);
                    }
                    catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && token.IsCancellationRequested)
                    {
                        // The budget (or the caller) ended the call: Polly's timeout knows it by the cancellation.
                        throw new OperationCanceledException(ex.Status.Detail, ex, token);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new A2AClientException(
                $"The agent at {endpoint} did not answer within the retry budget of {_budget.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.",
                reason: "RETRY_BUDGET_EXHAUSTED", innerException: ex);
        }
    }
}
