using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace A2AGen.Hosting.Redis.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> (Debian's, installed by <c>.ci/run</c>) on a free 127.0.0.1 port with its own temporary
/// directory. It can be stopped and started again on the same port and directory (outage tests); disposing stops it
/// and deletes the directory. Every process it starts, it stops.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("a2agen-redis-").FullName;
    private readonly bool _appendOnly;
    private Process? _process;

    private RedisServer(int port, bool appendOnly)
    {
        Port = port;
        _appendOnly = appendOnly;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string that reaches this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server; <paramref name="appendOnly"/> makes every acknowledged write survive a stop (fsync always).</summary>
    public static async Task<RedisServer> StartAsync(bool appendOnly = false)
    {
        var server = new RedisServer(FreePort(), appendOnly);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        // CI runs the suite a second time under libfaketime, which is preloaded into child processes; redis-server (its
        // jemalloc) cannot start with it. Redis runs on the real clock: nothing A2AGen stores depends on Redis's time
        // except relative expiries (PX), which mean the same on any clock.
        start.Environment.Remove("LD_PRELOAD");
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("FAKETIME", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory,
            "--save", "", "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "warning",
            "--appendonly", _appendOnly ? "yes" : "no", "--appendfsync", "always",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        try
        {
            await WaitUntilReadyAsync();
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode} (is it installed? .ci/run installs Debian's redis-server).");
            }

            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { Configuration }, ConnectTimeout = 500, AbortOnConnectFail = true });
                await probe.GetDatabase().KeyExistsAsync("ready-probe"); // refused with LOADING while the append-only file is read
                return;
            }
            catch (RedisException)
            {
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("redis-server did not answer within 20 s.");
    }

    /// <summary>Stops the server (SIGKILL: an outage, not a clean shutdown).</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>A client of its own (a separate connection, like another instance's).</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() =>
        ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { Configuration }, AbortOnConnectFail = false, BacklogPolicy = BacklogPolicy.FailFast });

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
