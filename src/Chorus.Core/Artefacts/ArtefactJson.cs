using System.Text.Json;
using Chorus.Durable;

namespace Chorus.Artefacts;

/// <summary>Reads a JSON artefact back in Chorus's JSON shape.</summary>
public static class ArtefactJson
{
    /// <summary>The artefact at <paramref name="path"/> as <typeparamref name="T"/>, or default when there is none.</summary>
    public static async Task<T?> ReadJsonAsync<T>(this IArtefactStore artefacts, ArtefactPath path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artefacts);
        byte[]? content = await artefacts.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        return content is null ? default : JsonSerializer.Deserialize<T>(content, DurableJson.Options);
    }
}
