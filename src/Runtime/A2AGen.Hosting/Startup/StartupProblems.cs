using System.IO;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>Turns what a failed start threw into one line per problem, naming the agents, and an exit code.</summary>
internal static class StartupProblems
{
    /// <summary>
    /// The problem for <paramref name="exception"/>, or null when it is not a configuration problem (a bug, which
    /// keeps its stack trace).
    /// </summary>
    /// <param name="exception">What the host's start threw.</param>
    /// <param name="agentIds">The host's agents.</param>
    /// <param name="urls">The addresses the host was asked to listen on, when configured.</param>
    public static A2AStartupException? Describe(Exception exception, IReadOnlyList<string> agentIds, string? urls)
    {
        if (Find<A2AStartupException>(exception) is { } startup)
        {
            return startup;
        }

        if (Find<AddressInUseException>(exception) is { } inUse)
        {
            return new A2AStartupException(
                [NameAgents($"cannot listen on {urls ?? "the configured address"}: the port is already in use. Stop whatever uses it, or choose a free port (--urls http://127.0.0.1:<port>, ASPNETCORE_URLS).", agentIds)],
                A2AExitCodes.AddressInUse,
                inUse);
        }

        if (Find<OptionsValidationException>(exception) is { } validation)
        {
            return new A2AStartupException([.. validation.Failures.Select(f => NameAgents(f, agentIds))], A2AExitCodes.Configuration, validation);
        }

        if (Find<IOException>(exception) is { InnerException: SocketException socket } bind)
        {
            return new A2AStartupException(
                [NameAgents($"cannot listen on {urls ?? "the configured address"}: {OneLine(socket.Message).TrimEnd('.')}. Choose an address and port this process may use (--urls, ASPNETCORE_URLS).", agentIds)],
                A2AExitCodes.Configuration,
                bind);
        }

        return null;
    }

    /// <summary>
    /// <paramref name="message"/> on one line, prefixed with the agents it concerns unless it already names one
    /// (A2AGen's messages start with "A2A agent 'id' (Type): …").
    /// </summary>
    public static string NameAgents(string message, IReadOnlyList<string> agentIds)
    {
        var line = OneLine(message);
        if (agentIds.Any(id => line.Contains($"'{id}'", StringComparison.Ordinal)))
        {
            return line;
        }

        const string KeysPrefix = "A2A keys: ";
        if (line.StartsWith(KeysPrefix, StringComparison.Ordinal))
        {
            line = line[KeysPrefix.Length..];
        }

        return agentIds.Count switch
        {
            0 => "A2A host: " + line,
            1 => $"A2A agent '{agentIds[0]}': {line}",
            _ => $"A2A agents {string.Join(", ", agentIds.Select(id => "'" + id + "'"))}: {line}",
        };
    }

    /// <summary>Collapses line breaks, so a message prints as one line.</summary>
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
}
