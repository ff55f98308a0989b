using A2AGen.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace A2AGen.Hosting;

/// <summary>
/// Redelivers the host's dead letters every interval (<c>AddA2ADeadLetterRedelivery</c>): each entry is sent again with
/// its own <c>messageId</c> and removed once the agent answered. A round that fails is logged and the next one tries
/// again; several instances sharing a queue may send one entry twice, which the agent's idempotency answers once.
/// </summary>
internal sealed partial class DeadLetterRedeliveryService(DeadLetterRedelivery redelivery, TimeSpan interval, TimeProvider clock, ILogger<DeadLetterRedeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RoundAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task RoundAsync(CancellationToken stoppingToken)
    {
        try
        {
            var results = await redelivery.RetryAllAsync(stoppingToken).ConfigureAwait(false);
            var delivered = results.Count(r => r.Outcome == DeadLetterRetryOutcome.Delivered);
            if (results.Count > 0)
            {
                LogRound(logger, delivered, results.Count - delivered);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRoundFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead letters redelivered: {Delivered}; still failing: {Failed}.")]
    private static partial void LogRound(ILogger logger, int delivered, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dead-letter redelivery round failed ({Error}); the next round tries again.")]
    private static partial void LogRoundFailed(ILogger logger, string error);
}
