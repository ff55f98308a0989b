namespace A2AGen.Hosting;

/// <summary>
/// How the host delivers push notifications (A2A §4.3.3) for agents declared with
/// <c>[A2AAgent(PushNotifications = true)]</c>: which webhooks it may call, the per-attempt timeout and the retry
/// schedule. Host-wide; set with <c>services.Configure&lt;A2APushOptions&gt;(…)</c>. See <c>docs/push.md</c>.
/// </summary>
public sealed class A2APushOptions
{
    /// <summary>
    /// Whether <c>http://</c> webhooks are accepted (tests, development). Off by default: a notification carries task
    /// content and credentials, so only <c>https://</c> webhooks are called.
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Networks (CIDR, e.g. <c>127.0.0.1/32</c>, <c>10.1.0.0/16</c>, <c>fd00::/8</c>) whose addresses webhooks may use even
    /// though they are loopback, private, link-local, metadata, unspecified or multicast addresses. Empty by default:
    /// such addresses are refused, when the configuration is created and again at every connection.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>How long one delivery attempt may take (connect, send, answer): 10 to 30 seconds, default 15.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait before the first retry; each later wait doubles, up to <see cref="MaxRetryDelay"/>, with jitter. Default 2 seconds.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two attempts. Default 5 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a delivery is given up (dead-lettered): 1 to 50, default 10.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The most bytes of a webhook's answer that are read (the rest is discarded). Default 64 KiB.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>How often the delivery queue is checked when nothing was handed out. Default 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most deliveries this instance makes at once (each task's deliveries stay in order). Default 16.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 16;
}
