using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Chorus.Posts;

namespace Chorus.Host.Mentions;

/// <summary>
/// The body of <c>POST /api/mentions/{source}/{mentionId}/replies</c>, as the OpenAPI document describes it; read by
/// <see cref="Posts.PostRequestParser.ParseReply"/> under the rules of a post's author and text.
/// </summary>
internal sealed record ReplyBody(
    [property: Required, Description("Who answers: their email (for the outcome mail), name and team (which stages apply).")] PostAuthor Author,
    [property: Required, Description("The reply as it will be published; start it with the author's handle where the network wants one.")] string Text);
