namespace Chorus.Sentiment.AzureLanguage;

/// <summary>
/// A document that passed the local limits, with its position in the caller's list and its request JSON
/// (<c>{"id","language","text"}</c>) already serialized, so batches can be sized in exact bytes before sending.
/// </summary>
internal sealed record PreparedDocument(int Index, string Id, ReadOnlyMemory<byte> Payload);
