using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Chorus.Host.Tests;

/// <summary>
/// The self-host's task hub has the layout Durable Functions' Azure Storage provider creates, so its tools (Durable
/// Functions Monitor, Storage Explorer) read it: control queues per partition, the work-item queue, the Instances and
/// History tables, partition leases in the Partitions table, and the app-lease container, all named after the hub.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class TaskHubLayoutTests(LocalServicesFixture services)
{
    [Fact]
    public async Task The_hub_has_Durable_Functions_queues_tables_and_containers_and_a_finished_post_is_in_them()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services);
        string postId = await host.SubmitAsync("Had a lovely time volunteering with the team today.");
        await host.WaitForStatusAsync(postId, "Approved");

        // Approved, then left to the author to post: the review completes once the author is told.
        using (CancellationTokenSource patience = new(TimeSpan.FromSeconds(30)))
        {
            await host.Orchestrations.WaitForInstanceCompletionAsync("post-" + postId, patience.Token);
        }

        string hub = "hub" + host.Suffix;

        List<string> queues = [];
        await foreach (QueueItem queue in new QueueServiceClient(services.Azurite.ConnectionString).GetQueuesAsync(prefix: hub))
        {
            queues.Add(queue.Name);
        }

        Assert.Equal([$"{hub}-control-00", $"{hub}-control-01", $"{hub}-workitems"], queues.Order(StringComparer.Ordinal));

        TableServiceClient tables = new(services.Azurite.ConnectionString);
        List<string> tableNames = [];
        await foreach (TableItem table in tables.QueryAsync(t => t.Name.CompareTo(hub) >= 0 && t.Name.CompareTo(hub + "~") < 0))
        {
            tableNames.Add(table.Name);
        }

        Assert.Contains(hub + "Instances", tableNames);
        Assert.Contains(hub + "History", tableNames);
        Assert.Contains(hub + "Partitions", tableNames);

        List<string> containers = [];
        await foreach (BlobContainerItem container in new BlobServiceClient(services.Azurite.ConnectionString).GetBlobContainersAsync(prefix: hub))
        {
            containers.Add(container.Name);
        }

        Assert.Contains($"{hub}-applease", containers);

        TableEntity instance = (await tables.GetTableClient(hub + "Instances").GetEntityAsync<TableEntity>("post-" + postId, string.Empty)).Value;
        Assert.Equal("PostReviewOrchestrator", instance.GetString("Name"));
        Assert.Equal("Completed", instance.GetString("RuntimeStatus"));
    }
}
