namespace A2AGen.Hosting.Push;

/// <summary>A webhook's host resolved to an address the <see cref="WebhookAddressPolicy"/> refuses; no connection was made.</summary>
internal sealed class WebhookAddressRefusedException(string message) : IOException(message);
