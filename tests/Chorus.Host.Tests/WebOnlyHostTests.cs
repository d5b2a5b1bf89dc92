using System.Net.Http.Json;
using System.Text.Json;
using Chorus.Posts;
using Microsoft.DurableTask.Client;

namespace Chorus.Host.Tests;

/// <summary>
/// <c>SelfHost:RunsWork=false</c>: a self-host that serves the web only, beside a host that runs the work on the same
/// task hub and storage (on Azure, the Functions app). It takes submissions and answers reads, and runs nothing itself.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class WebOnlyHostTests(LocalServicesFixture services)
{
    [Fact]
    public async Task A_web_only_host_runs_no_orchestration_and_a_working_host_on_the_same_hub_reviews_what_it_took()
    {
        await using ChorusTestHost web = await ChorusTestHost.StartAsync(services, (settings, _) => settings["SelfHost:RunsWork"] = "false");
        string postId = await web.SubmitAsync("Lovely day volunteering with the team.");

        // Nothing runs it: a working host would approve this post by rule within a second or two.
        await Task.Delay(TimeSpan.FromSeconds(4));
        JsonElement waiting = await web.Http.GetFromJsonAsync<JsonElement>($"api/posts/{postId}");
        Assert.Equal("Submitted", waiting.GetProperty("status").GetString());
        OrchestrationMetadata? instance = await web.Orchestrations.GetInstanceAsync(PostSubmission.InstanceIdFor(postId));
        Assert.NotNull(instance);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, instance.RuntimeStatus);

        // The same hub and storage (the suffix names both), with the work: it reviews the post the web host took.
        await using ChorusTestHost worker = await ChorusTestHost.StartAsync(services, suffix: web.Suffix);
        await web.WaitForStatusAsync(postId, "Approved", TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await web.Orchestrations.WaitForInstanceCompletionAsync(PostSubmission.InstanceIdFor(postId))).RuntimeStatus);
    }
}
