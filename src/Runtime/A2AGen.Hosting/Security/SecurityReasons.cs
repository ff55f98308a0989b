namespace A2AGen.Hosting;

/// <summary>
/// The <c>ErrorInfo.reason</c> values of passport and policy failures (HTTP 401/403). Request-signature reasons are
/// <see cref="A2AGen.Security.RequestSignatureReasons"/>.
/// </summary>
internal static class SecurityReasons
{
    public const string PassportRequired = "PASSPORT_REQUIRED";
    public const string PassportKeyMissing = "PASSPORT_KEY_MISSING";
    public const string PassportSignatureMissing = "PASSPORT_SIGNATURE_MISSING";
    public const string PassportSignatureInvalid = "PASSPORT_SIGNATURE_INVALID";
    public const string PassportSignatureUnverifiable = "PASSPORT_SIGNATURE_UNVERIFIABLE";
    public const string InsufficientScope = "INSUFFICIENT_SCOPE";
    public const string AuthenticationRequired = "AUTHENTICATION_REQUIRED";
}
