using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>Applies the host's client-certificate trust to every HTTPS endpoint Kestrel configures from then on.</summary>
internal sealed class KestrelMutualTlsSetup(ClientCertificateTrust trust) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options) => options.ConfigureHttpsDefaults(https => https.UseA2AClientCertificates(trust));
}
