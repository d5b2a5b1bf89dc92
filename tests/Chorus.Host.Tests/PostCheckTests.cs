using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Chorus.Host.Tests;

/// <summary><c>POST /api/posts/check</c>: what staff learn before they submit, with nothing stored and nothing sent.</summary>
[Collection(HostCollection.Name)]
public sealed class PostCheckTests(LocalServicesFixture services) : IAsyncLifetime
{
    private ChorusTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ChorusTestHost.StartAsync(services);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_blocked_post_is_explained_with_its_route_and_the_room_left_on_each_channel_and_nothing_is_kept()
    {
        string text = "Chorus stock: guaranteed returns! " + new string('a', 300);
        JsonElement check = await CheckAsync(text, "\"x\",\"linkedin\"");

        Assert.Equal("AutoReject", check.GetProperty("route").GetString());
        Assert.Contains(check.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "banned-term" && f.GetProperty("explanation").GetString()!.Length > 20);
        Assert.Contains(check.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "length" && f.GetProperty("channel").GetString() == "X");
        JsonElement[] channels = [.. check.GetProperty("channels").EnumerateArray()];
        Assert.Equal(["X", "LinkedIn"], channels.Select(c => c.GetProperty("channel").GetString()));
        Assert.Equal(280, channels[0].GetProperty("limit").GetInt32());
        Assert.Equal(280 - text.Length, channels[0].GetProperty("left").GetInt32());
        Assert.Equal(3000 - text.Length, channels[1].GetProperty("left").GetInt32());
        Assert.Equal(JsonValueKind.String, check.GetProperty("sentiment").GetProperty("label").ValueKind);

        Assert.Empty(await _host.ArtefactNamesAsync());
        await foreach (Microsoft.DurableTask.Client.OrchestrationMetadata instance in _host.Orchestrations.GetAllInstancesAsync())
        {
            Assert.Fail($"A check started {instance.InstanceId}.");
        }
    }

    [Fact]
    public async Task A_post_that_needs_people_names_the_stages_and_a_clean_one_would_be_approved_by_the_rules()
    {
        JsonElement clean = await CheckAsync("Had a lovely time volunteering with the team today.", "\"mastodon\"");
        Assert.Equal("AutoApprove", clean.GetProperty("route").GetString());
        Assert.Empty(clean.GetProperty("findings").EnumerateArray());
        Assert.Empty(clean.GetProperty("stages").EnumerateArray());

        JsonElement review = await CheckAsync("Loving the new release at Chorus! #ChorusEmployee Details at https://elsewhere.example/launch", "\"linkedin\"");
        Assert.Equal("HumanReview", review.GetProperty("route").GetString());
        Assert.Equal("Communications", Assert.Single(review.GetProperty("stages").EnumerateArray()).GetString());
        Assert.Contains(review.GetProperty("findings").EnumerateArray(), f => f.GetProperty("severity").GetString() == "Warn");
    }

    [Fact]
    public async Task It_refuses_what_a_submission_refuses_with_the_same_problems()
    {
        const string Bad = """{"author":{"email":"not-an-email","displayName":"Ada","team":"m"},"text":"hi","channels":["myspace"]}""";
        using HttpResponseMessage check = await _host.Http.PostAsync("api/posts/check", new StringContent(Bad, Encoding.UTF8, "application/json"));
        using HttpResponseMessage submit = await _host.Http.PostAsync("api/posts", new StringContent(Bad, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, check.StatusCode);
        JsonElement errors = (await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
            (await submit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(),
            errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.True(errors.TryGetProperty("channels[0]", out _));

        using HttpResponseMessage text = await _host.Http.PostAsync("api/posts/check", new StringContent("{}", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        using HttpClient anonymous = new() { BaseAddress = _host.BaseUri };
        using HttpResponseMessage unauthenticated = await anonymous.PostAsync("api/posts/check", new StringContent(Bad, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Empty(await _host.ArtefactNamesAsync());
    }

    private async Task<JsonElement> CheckAsync(string text, string channels)
    {
        string body = $$"""{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"marketing"},"text":{{JsonSerializer.Serialize(text)}},"channels":[{{channels}}]}""";
        using HttpResponseMessage response = await _host.Http.PostAsync("api/posts/check", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
