using Chorus.Artefacts;

namespace Chorus.Infrastructure.Tests.Artefacts;

/// <summary>The checks every artefact path passes before the store sees it.</summary>
public sealed class ArtefactPathTests
{
    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData(" ")]
    [InlineData("é")]
    public void Of_rejects_a_segment_that_could_escape_or_smuggle(string segment) =>
        Assert.Throws<ArgumentException>(() => ArtefactPath.Of("posts", segment));

    [Fact]
    public void Of_rejects_a_segment_over_100_characters() =>
        Assert.Throws<ArgumentException>(() => ArtefactPath.Of(new string('a', 101)));

    [Fact]
    public void Of_needs_a_segment() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ArtefactPath.Of());

    [Theory]
    [InlineData("posts/../secrets")]
    [InlineData("posts//a")]
    [InlineData("/posts")]
    [InlineData("posts/")]
    [InlineData("posts/a b")]
    public void Parse_rejects_what_Of_rejects(string value) =>
        Assert.Throws<ArgumentException>(() => ArtefactPath.Parse(value));

    [Fact]
    public void Paths_join_segments_with_slashes_and_parse_back()
    {
        ArtefactPath path = ArtefactPath.ForPost("p-1", new DateTimeOffset(2025, 3, 4, 23, 30, 0, TimeSpan.FromHours(-2))).Child("draft.json");

        Assert.Equal("posts/2025/03/05/p-1/draft.json", path.Value);
        Assert.Equal(path, ArtefactPath.Parse(path.Value));
    }
}
