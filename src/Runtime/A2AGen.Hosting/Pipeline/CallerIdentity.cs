using System.Security.Claims;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// Who is calling, as far as the pipeline verified it: the request signature's <c>iss</c>, else the mTLS peer, else
/// the ASP.NET Core user. Tasks belong to this identity; other callers cannot see them.
/// </summary>
internal static class CallerIdentity
{
    /// <summary>A stable owner key such as <c>agent:travel-desk</c> or <c>user:alice</c>, or null for anonymous callers.</summary>
    public static string? Of(VerifiedRequestSignature? signature, string? peerIdentity, ClaimsPrincipal? user)
    {
        if (signature is not null)
        {
            return "agent:" + signature.Issuer;
        }

        if (peerIdentity is not null)
        {
            return "mtls:" + peerIdentity;
        }

        if (user?.Identity is { IsAuthenticated: true } identity)
        {
            var name = identity.Name ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value;
            if (!string.IsNullOrEmpty(name))
            {
                return "user:" + name;
            }
        }

        return null;
    }
}
