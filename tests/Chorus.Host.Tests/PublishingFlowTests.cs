using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Chorus.Tests.Publishing;

namespace Chorus.Host.Tests;

/// <summary>
/// Approved posts going out end to end: the self-host on Azurite and maildev, the networks' fake APIs on loopback.
/// Published with the channel's account and the author told the link; left to the author, with the text and a link to
/// post it, where no account serves the channel; held until <c>scheduledAt</c>; refused, and the author told why.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class PublishingFlowTests(LocalServicesFixture services)
{
    private const string Clean = "Had a lovely time volunteering with the team today.";

    [Fact]
    public async Task An_approved_post_is_published_with_the_channels_account_and_the_author_gets_the_link()
    {
        await using FakeNetworks networks = await FakeNetworks.StartAsync();
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: Accounts(networks));
        Mailbox mail = new(services.Maildev.WebUri);

        string postId = await host.SubmitAsync(Clean, "\"mastodon\"");

        ReceivedMail told = await mail.WaitForAsync(Author(host), "Your post is published on Mastodon");
        FakePost post = Assert.Single(networks.Posts);
        Assert.Equal(Clean, post.Text);
        Uri url = new(networks.BaseUri, $"@chorus/{post.Id}");
        Assert.Equal(url, told.Link("View on Mastodon"));
        JsonElement view = await host.WaitForStatusAsync(postId, "Approved");
        JsonElement publication = Assert.Single(view.GetProperty("publications").EnumerateArray());
        Assert.Equal(("Mastodon", "Published", post.Id, url.ToString()), (publication.GetProperty("channel").GetString(), publication.GetProperty("status").GetString(), publication.GetProperty("networkId").GetString(), publication.GetProperty("url").GetString()));
        Assert.Contains("published", Timeline(view));
        List<string> names = await host.ArtefactNamesAsync();
        Assert.Contains(names, n => n.EndsWith($"{postId}/publications/mastodon.key.json", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith($"{postId}/publications/mastodon.json", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains($"{postId}/emails/publication-s0-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_account_the_author_is_sent_the_text_and_links_to_post_it_by_hand()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        Mailbox mail = new(services.Maildev.WebUri);

        const string Text = "Lovely day volunteering with the team & friends 🌱";
        string postId = await host.SubmitAsync(Text, "\"bluesky\",\"x\"");

        ReceivedMail told = await mail.WaitForAsync(Author(host), "ready for you to publish on Bluesky, X");
        Assert.Contains(Text, told.Text, StringComparison.Ordinal);
        Assert.Equal("https://bsky.app/intent/compose?text=Lovely%20day%20volunteering%20with%20the%20team%20%26%20friends%20%F0%9F%8C%B1", told.Link("Post on Bluesky").AbsoluteUri);
        Assert.Equal("https://x.com/intent/post?text=Lovely%20day%20volunteering%20with%20the%20team%20%26%20friends%20%F0%9F%8C%B1", told.Link("Post on X").AbsoluteUri);
        JsonElement view = await host.WaitForStatusAsync(postId, "Approved");
        Assert.Equal("Approved", view.GetProperty("decision").GetProperty("status").GetString());
        Assert.All(view.GetProperty("publications").EnumerateArray(), p => Assert.Equal("Manual", p.GetProperty("status").GetString()));
        Assert.Equal(2, Timeline(view).Count(c => c == "left to the author"));
    }

    [Fact]
    public async Task A_scheduled_post_is_published_when_its_time_comes_and_not_before()
    {
        await using FakeNetworks networks = await FakeNetworks.StartAsync();
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: Accounts(networks));
        Mailbox mail = new(services.Maildev.WebUri);
        DateTimeOffset scheduledAt = DateTimeOffset.UtcNow.AddSeconds(8);
        string body = $$"""{"author":{"email":"{{Author(host)}}","displayName":"Ada Author","team":"marketing"},"text":{{JsonSerializer.Serialize(Clean)}},"channels":["mastodon"],"scheduledAt":"{{scheduledAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}}"}""";
        using HttpResponseMessage accepted = await host.Http.PostAsync("api/posts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        string postId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("postId").GetString()!;

        await mail.WaitForAsync(Author(host), "Your post was approved");
        JsonElement waiting = await host.WaitForStatusAsync(postId, "Approved");
        Assert.Empty(networks.Posts);
        Assert.Empty(waiting.GetProperty("publications").EnumerateArray());

        await mail.WaitForAsync(Author(host), "Your post is published on Mastodon", TimeSpan.FromSeconds(60));
        Assert.Single(networks.Posts);
        FakeRequest create = Assert.Single(networks.Requests, r => r.Path == "/api/v1/statuses");
        Assert.True(create.ReceivedAt >= scheduledAt.AddMilliseconds(-100), $"published at {create.ReceivedAt:O}, scheduled for {scheduledAt:O}");
    }

    [Fact]
    public async Task A_refused_token_is_reported_to_the_author_with_the_networks_message_and_the_post_stays_approved()
    {
        await using FakeNetworks networks = await FakeNetworks.StartAsync();
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: Accounts(networks, token: "revoked"));
        Mailbox mail = new(services.Maildev.WebUri);

        string postId = await host.SubmitAsync(Clean, "\"mastodon\"");

        ReceivedMail told = await mail.WaitForAsync(Author(host), "could not be published on Mastodon");
        Assert.Contains("The access token is invalid", told.Text, StringComparison.Ordinal);
        Assert.Contains("Publishing:Accounts:masto:AccessToken", told.Text, StringComparison.Ordinal);
        Assert.Empty(networks.Posts);
        JsonElement view = await host.WaitForStatusAsync(postId, "Approved");
        Assert.Equal("Failed", Assert.Single(view.GetProperty("publications").EnumerateArray()).GetProperty("status").GetString());
        Assert.Contains("publishing failed", Timeline(view));
    }

    private static string Author(ChorusTestHost host) => $"author-{host.Suffix}@chorus.test";

    private static List<string> Timeline(JsonElement view) => [.. view.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("change").GetString()!)];

    private static Action<Dictionary<string, string?>, Func<string, string>> Accounts(FakeNetworks networks, string token = FakeNetworks.Token) => (settings, _) =>
    {
        settings["Publishing:Accounts:masto:Network"] = "mastodon";
        settings["Publishing:Accounts:masto:BaseUrl"] = networks.BaseUri.ToString();
        settings["Publishing:Accounts:masto:AccessToken"] = token;
        settings["Publishing:HttpTimeout"] = "00:00:02";
        settings["Publishing:RetryDelay"] = "00:00:00.100";
    };
}
