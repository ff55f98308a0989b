namespace A2AGen.Hosting;

/// <summary>The <c>ErrorInfo.reason</c> values of authentication (HTTP 401) and authorization (HTTP 403) failures.</summary>
internal static class SecurityReasons
{
    public const string RequestSignatureMissing = "REQUEST_SIGNATURE_MISSING";
    public const string RequestSignatureUnverifiable = "REQUEST_SIGNATURE_UNVERIFIABLE";
    public const string PassportRequired = "PASSPORT_REQUIRED";
    public const string PassportKeyMissing = "PASSPORT_KEY_MISSING";
    public const string PassportSignatureMissing = "PASSPORT_SIGNATURE_MISSING";
    public const string PassportSignatureInvalid = "PASSPORT_SIGNATURE_INVALID";
    public const string PassportSignatureUnverifiable = "PASSPORT_SIGNATURE_UNVERIFIABLE";
    public const string InsufficientScope = "INSUFFICIENT_SCOPE";
    public const string AuthenticationRequired = "AUTHENTICATION_REQUIRED";
}
