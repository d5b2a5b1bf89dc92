using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Chorus.Sentiment.AzureLanguage;

/// <summary>
/// Stamps the resource key on every attempt. Azure.Core keeps its own AzureKeyCredentialPolicy internal (each SDK
/// compiles it from shared source), so this is the same few lines. Reading <see cref="AzureKeyCredential.Key"/> per
/// request means a key rotated with <c>AzureKeyCredential.Update</c> takes effect without a restart.
/// </summary>
internal sealed class SubscriptionKeyPolicy(AzureKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    internal const string HeaderName = "Ocp-Apim-Subscription-Key";

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        base.OnSendingRequest(message);
        message.Request.Headers.SetValue(HeaderName, credential.Key);
    }
}
