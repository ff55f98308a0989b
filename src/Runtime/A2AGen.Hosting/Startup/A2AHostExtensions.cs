using A2AGen.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Starts and runs a host of A2AGen agents so that a configuration problem is one line and an exit code.</summary>
public static class A2AHostExtensions
{
    /// <summary>
    /// Starts the host (<see cref="IHost.StartAsync"/>). A configuration problem of its agents — keys, trusted peers,
    /// options, URLs, the mutual TLS trust folder — or an address in use is thrown as an
    /// <see cref="A2AStartupException"/> whose <see cref="A2AStartupException.Problems"/> are one line each, naming the
    /// agent, the problem and the fix; the host's own error entry for that failure (with a stack trace) is left out of
    /// the log. Any other exception is rethrown as it is.
    /// </summary>
    /// <param name="host">The host (a <c>WebApplication</c>).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="A2AStartupException">The agents cannot start as configured.</exception>
    public static async Task StartA2AAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var agentIds = host.Services.GetService<A2AStartup>()?.AgentIds ?? [];
        using var reporting = host.Services.GetService<StartFailureReporting>()?.Begin();
        A2AStartupException? problem = null;
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when ((problem = StartupProblems.Describe(e, agentIds, ConfiguredUrls(host))) is not null)
        {
            throw problem;
        }
    }

    /// <summary>
    /// Runs the host until it is stopped (Ctrl+C, SIGTERM, <paramref name="cancellationToken"/>), then disposes it. If
    /// it cannot start as configured (see <see cref="StartA2AAsync"/>), writes one line per problem to standard error —
    /// no stack trace — and returns its exit code (<see cref="A2AExitCodes"/>: 78 for configuration, 75 for an address in
    /// use), which is also set as <see cref="Environment.ExitCode"/>, so <c>await app.RunA2AAsync();</c> and
    /// <c>return await app.RunA2AAsync();</c> both end the process with it.
    /// </summary>
    /// <param name="host">The host (a <c>WebApplication</c>).</param>
    /// <param name="cancellationToken">Stops the host.</param>
    /// <returns>0 after a normal stop, else the startup problem's exit code.</returns>
    public static async Task<int> RunA2AAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        var code = await RunA2AAsync(host, Console.Error, cancellationToken).ConfigureAwait(false);
        if (code != A2AExitCodes.Success)
        {
            Environment.ExitCode = code;
        }

        return code;
    }

    /// <summary><see cref="RunA2AAsync(IHost, CancellationToken)"/> writing problems to <paramref name="errors"/>, without touching the process's exit code (tests).</summary>
    internal static async Task<int> RunA2AAsync(IHost host, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            try
            {
                await host.StartA2AAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (A2AStartupException e)
            {
                foreach (var problem in e.Problems)
                {
                    await errors.WriteLineAsync(problem).ConfigureAwait(false);
                }

                await errors.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                return e.ExitCode;
            }

            await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return A2AExitCodes.Success;
        }
        finally
        {
            await DisposeQuietlyAsync(host).ConfigureAwait(false);
        }
    }

    private static string? ConfiguredUrls(IHost host)
    {
        var urls = host.Services.GetService<IConfiguration>()?[WebHostDefaults.ServerUrlsKey];
        return string.IsNullOrWhiteSpace(urls) ? null : urls;
    }

    private static async Task DisposeQuietlyAsync(IHost host)
    {
        try
        {
            if (host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                host.Dispose();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or AggregateException)
        {
            // The start already failed and was reported (or the host stopped); an error while cleaning up adds nothing.
        }
    }
}
