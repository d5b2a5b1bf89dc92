namespace Chorus.Sentiment.AzureLanguage;

/// <summary>
/// <see cref="DocumentError.Code"/> values this client produces itself. Codes the service sends per document
/// (InvalidDocument, UnsupportedLanguageCode, ...) are passed through unchanged.
/// </summary>
internal static class AzureLanguageErrorCodes
{
    /// <summary>The document breaks a service limit (empty, too long, too large); it was never sent. Same code the service uses.</summary>
    public const string InvalidDocument = "InvalidDocument";

    /// <summary>The request carrying the document failed as a whole (HTTP error, unreadable response, no result for the document).</summary>
    public const string ServiceError = "ServiceError";

    /// <summary>Every attempt to send the request carrying the document ran past the configured timeout.</summary>
    public const string Timeout = "Timeout";
}
