using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace TravelDesk.AgentHosting;

/// <summary>Turns an agent host's startup failure into one line that says what is wrong and what to do.</summary>
public static class StartupProblem
{
    /// <summary>The line for <paramref name="exception"/>, never a stack trace or type name.</summary>
    /// <param name="agentId">The agent that could not start.</param>
    /// <param name="exception">What the host threw while building or starting.</param>
    /// <param name="urls">The addresses it was asked to listen on, when known.</param>
    public static string Describe(string agentId, Exception exception, string? urls)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Find<AddressInUseException>(exception) is not null)
        {
            return $"{agentId}: cannot listen on {urls ?? "its address"}: the port is already in use. " +
                "Stop whatever uses it, or choose a free port with --urls http://127.0.0.1:<port>.";
        }

        var cause = Innermost(exception);
        var message = cause is OptionsValidationException validation ? string.Join(" ", validation.Failures) : cause.Message;

        // Key problems from A2AGen.Hosting already name the agent ("A2A agent 'currency-agent' (CurrencyAgent): …").
        return message.Contains($"'{agentId}'", StringComparison.Ordinal)
            ? $"{agentId} cannot start. {OneLine(message)}"
            : $"{agentId} cannot start: {OneLine(message)}";
    }

    /// <summary>Collapses line breaks, so a message always prints as one line.</summary>
    /// <param name="text">Any message.</param>
    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }

            if (exception is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                return aggregate.InnerExceptions.Select(Find<T>).FirstOrDefault(e => e is not null);
            }
        }

        return null;
    }

    // Wrappers (aggregate, invocation) say nothing; the first exception with a message of its own does.
    private static Exception Innermost(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Innermost(aggregate.InnerExceptions[0]),
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Innermost(inner),
        _ => exception,
    };
}
