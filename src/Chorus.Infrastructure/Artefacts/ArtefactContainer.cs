using Azure.Storage.Blobs;

namespace Chorus.Infrastructure.Artefacts;

/// <summary>
/// The artefact container, built once from the <c>Artefacts</c> settings, for the parts that keep their own blobs beside
/// the artefacts (the approval ledger, mention cursors).
/// </summary>
public sealed record ArtefactContainer(BlobContainerClient Client);
