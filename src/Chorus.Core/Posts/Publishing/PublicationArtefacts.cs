using Chorus.Artefacts;

namespace Chorus.Posts.Publishing;

/// <summary>
/// A post's publication artefacts, under its folder (<see cref="PostArtefacts.Folder"/>):
/// <c>publications/{channel}.key.json</c> (the idempotency key, kept before the first call) and
/// <c>publications/{channel}.json</c> (the <see cref="Publication"/>).
/// </summary>
public static class PublicationArtefacts
{
    /// <summary>The folder of a post's publications.</summary>
    public static ArtefactPath Folder(string postId) => PostArtefacts.Folder(postId).Child("publications");

    /// <summary>The idempotency key of the post on a channel.</summary>
    public static ArtefactPath Key(string postId, Channel channel) => Folder(postId).Child($"{Name(channel)}.key.json");

    /// <summary>What became of the post on a channel.</summary>
    public static ArtefactPath Record(string postId, Channel channel) => Folder(postId).Child($"{Name(channel)}.json");

    /// <summary>The publications kept so far, in channel order.</summary>
    public static async Task<IReadOnlyList<Publication>> ReadAsync(IArtefactStore artefacts, string postId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artefacts);
        List<Publication> publications = [];
        foreach (Channel channel in Enum.GetValues<Channel>())
        {
            if (await artefacts.ReadJsonAsync<Publication>(Record(postId, channel), cancellationToken).ConfigureAwait(false) is { } publication)
            {
                publications.Add(publication);
            }
        }

        return publications;
    }

    private static string Name(Channel channel) => channel.ToString().ToLowerInvariant();
}
