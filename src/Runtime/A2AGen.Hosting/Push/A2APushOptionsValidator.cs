using System.Net;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting.Push;

/// <summary>Checks <see cref="A2APushOptions"/> when the host starts; each problem names the option and the range.</summary>
internal sealed class A2APushOptionsValidator : IValidateOptions<A2APushOptions>
{
    public ValidateOptionsResult Validate(string? name, A2APushOptions options)
    {
        var failures = new List<string>();
        if (options.AttemptTimeout < TimeSpan.FromSeconds(10) || options.AttemptTimeout > TimeSpan.FromSeconds(30))
        {
            failures.Add($"A2APushOptions.AttemptTimeout is {options.AttemptTimeout}; use 10 to 30 seconds (default 15).");
        }

        if (options.FirstRetryDelay < TimeSpan.FromMilliseconds(10) || options.FirstRetryDelay > TimeSpan.FromHours(1))
        {
            failures.Add($"A2APushOptions.FirstRetryDelay is {options.FirstRetryDelay}; use 10 milliseconds to 1 hour (default 2 seconds).");
        }

        if (options.MaxRetryDelay < options.FirstRetryDelay || options.MaxRetryDelay > TimeSpan.FromHours(24))
        {
            failures.Add($"A2APushOptions.MaxRetryDelay is {options.MaxRetryDelay}; use FirstRetryDelay to 24 hours (default 5 minutes).");
        }

        if (options.MaxAttempts is < 1 or > 50)
        {
            failures.Add($"A2APushOptions.MaxAttempts is {options.MaxAttempts}; use 1 to 50 (default 10).");
        }

        if (options.MaxResponseBytes is < 0 or > 16 * 1024 * 1024)
        {
            failures.Add($"A2APushOptions.MaxResponseBytes is {options.MaxResponseBytes}; use 0 to 16 MiB (default 64 KiB).");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(10) || options.PollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"A2APushOptions.PollInterval is {options.PollInterval}; use 10 milliseconds to 1 minute (default 1 second).");
        }

        if (options.MaxConcurrentDeliveries is < 1 or > 1024)
        {
            failures.Add($"A2APushOptions.MaxConcurrentDeliveries is {options.MaxConcurrentDeliveries}; use 1 to 1024 (default 16).");
        }

        foreach (var network in options.AllowedNetworks)
        {
            if (!IPNetwork.TryParse(network, out _))
            {
                failures.Add($"A2APushOptions.AllowedNetworks has '{A2AGen.Security.CallerText.Sanitize(network ?? "", 64)}', which is not a network in CIDR form (e.g. 127.0.0.1/32, fd00::/8).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
