using System.Globalization;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace A2AGen.Client;

/// <summary>
/// The retry pipeline of the HTTP transports (<see cref="A2ARetryOptions"/>): Polly v8 with
/// <c>Microsoft.Extensions.Http.Resilience</c>'s HTTP retry strategy (exponential backoff with jitter, <c>Retry-After</c>)
/// inside a timeout that is the call's whole budget. Each attempt builds a new request, so the client's handlers — the
/// request signer among them — see it as a new request and sign it afresh. One per transport; thread-safe.
/// </summary>
internal sealed class ClientRetry
{
    private readonly ResiliencePipeline<HttpResponseMessage>? _pipeline;
    private readonly TimeProvider _clock;

    private ClientRetry(A2ARetryOptions options)
    {
        options.Validate();
        _clock = options.TimeProvider ?? TimeProvider.System;
        Budget = options.TotalBudget;
        if (options.MaxAttempts == 1 && options.TotalBudget == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _clock };
        if (options.TotalBudget != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.TotalBudget);
        }

        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>The budget of one call.</summary>
    public TimeSpan Budget { get; }

    public static ClientRetry Create(A2ARetryOptions? options) => new(options ?? new A2ARetryOptions());

    /// <summary>
    /// Sends the request <paramref name="create"/> makes, again for each retry when <paramref name="retry"/> (the
    /// operation is safe to repeat), recording every attempt in <paramref name="log"/>. Returns the last response
    /// (a transient status included, once the attempts are spent); an agent that never answered becomes
    /// <c>AGENT_UNREACHABLE</c>, a spent budget <c>RETRY_BUDGET_EXHAUSTED</c>.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient http, Func<HttpRequestMessage> create, HttpCompletionOption completion, Uri endpoint, bool retry, DeliveryLog log, CancellationToken cancellationToken)
    {
        try
        {
            if (!retry || _pipeline is null)
            {
                return await AttemptAsync(http, create, completion, log, cancellationToken).ConfigureAwait(false);
            }

            return await _pipeline.ExecuteAsync(
                async token => await AttemptAsync(http, create, completion, log, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new A2AClientException($"Could not reach the agent at {endpoint}: {ex.Message}{AttemptsText(log)}", reason: "AGENT_UNREACHABLE", innerException: ex) { Attempts = log.Attempts };
        }
        catch (TimeoutRejectedException ex)
        {
            throw new A2AClientException(
                $"The agent at {endpoint} did not answer within the retry budget of {Budget.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s{AttemptsText(log)}.",
                reason: "RETRY_BUDGET_EXHAUSTED", innerException: ex) { Attempts = log.Attempts };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout: the agent took too long to answer one attempt.
            throw new A2AClientException($"The agent at {endpoint} did not answer in time{AttemptsText(log)}.", reason: "AGENT_UNREACHABLE", innerException: ex) { Attempts = log.Attempts };
        }
    }

    /// <summary>Whether a failed call may succeed when made again later (the agent unreachable, or 502/503/504/429).</summary>
    public static bool IsTransient(A2AClientException exception) =>
        exception.Reason is "AGENT_UNREACHABLE" or "RETRY_BUDGET_EXHAUSTED"
        || exception.StatusCode is { } status && IsTransient(status)
        || exception.StatusCode is null && exception.Status is "UNAVAILABLE" or "RESOURCE_EXHAUSTED";

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken token) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        // HttpClient.Timeout ended the attempt (not the caller, not the budget).
        { Exception: OperationCanceledException } => !token.IsCancellationRequested,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests;

    private async ValueTask<HttpResponseMessage> AttemptAsync(HttpClient http, Func<HttpRequestMessage> create, HttpCompletionOption completion, DeliveryLog log, CancellationToken token)
    {
        var at = _clock.GetUtcNow();
        var request = create();
        try
        {
            var response = await http.SendAsync(request, completion, token).ConfigureAwait(false);
            log.Add(new DeliveryAttempt(at, Describe(response), (int)response.StatusCode));
            return response;
        }
        catch (HttpRequestException ex)
        {
            request.Dispose();
            log.Add(new DeliveryAttempt(at, "connection failed: " + ex.Message));
            throw;
        }
        catch (OperationCanceledException)
        {
            request.Dispose();
            log.Add(new DeliveryAttempt(at, token.IsCancellationRequested ? "stopped: canceled or out of budget" : "no answer within the HTTP client's timeout"));
            throw;
        }
    }

    private static string Describe(HttpResponseMessage response)
    {
        var text = "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        return response.Headers.RetryAfter?.Delta is { } delta
            ? text + ", Retry-After " + delta.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s"
            : response.Headers.RetryAfter?.Date is { } date ? text + ", Retry-After " + date.ToString("R", CultureInfo.InvariantCulture) : text;
    }

    private static string AttemptsText(DeliveryLog log) =>
        log.Attempts.Count > 1 ? $" ({log.Attempts.Count.ToString(CultureInfo.InvariantCulture)} attempts)" : "";
}
