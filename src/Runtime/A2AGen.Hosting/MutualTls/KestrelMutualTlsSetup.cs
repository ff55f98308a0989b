using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>
/// Applies the host's client-certificate trust to every HTTPS endpoint Kestrel configures from then on. Kestrel reads its
/// options while the host is built; the trust (which reads the trust folder) is resolved when the agents start
/// (<see cref="A2AStartup"/>), so a bad folder is a one-line startup problem rather than an exception from <c>Build()</c>.
/// </summary>
internal sealed class KestrelMutualTlsSetup(IServiceProvider services, IOptions<A2AMutualTlsOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel) =>
        kestrel.ConfigureHttpsDefaults(https => https.UseA2AClientCertificates(options.Value, services.GetRequiredService<ClientCertificateTrust>));
}
