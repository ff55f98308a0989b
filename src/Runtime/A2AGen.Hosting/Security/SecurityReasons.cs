namespace A2AGen.Hosting;

/// <summary>
/// The <c>ErrorInfo.reason</c> values of policy failures (HTTP 401/403) other than the passport's
/// (<see cref="A2AGen.Passport.PassportReasons"/>) and the request signature's (<see cref="A2AGen.Security.RequestSignatureReasons"/>).
/// </summary>
internal static class SecurityReasons
{
    public const string InsufficientScope = "INSUFFICIENT_SCOPE";
    public const string AuthenticationRequired = "AUTHENTICATION_REQUIRED";
}
