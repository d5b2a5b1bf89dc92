using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Chorus.Artefacts;
using Chorus.Infrastructure.Artefacts;

namespace Chorus.Infrastructure.Tests.Artefacts;

/// <summary>The Blob artefact store on a real (Azurite) Blob service; each test gets a container of its own, created by the store.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobArtefactStoreTests(AzuriteFixture azurite)
{
    private readonly BlobContainerClient _container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("t-" + Guid.NewGuid().ToString("N"));

    private BlobArtefactStore Store => new(_container);

    [Fact]
    public async Task WriteOnce_writes_the_first_time_and_leaves_the_first_content_the_second_time()
    {
        BlobArtefactStore store = Store;
        ArtefactPath path = ArtefactPath.Of("posts", "p1", "draft.json");

        bool first = await store.WriteOnceAsync(path, "{\"v\":1}"u8.ToArray(), "application/json");
        bool second = await store.WriteOnceAsync(path, "{\"v\":2}"u8.ToArray(), "application/json");

        Assert.True(first);
        Assert.False(second);
        Assert.Equal("{\"v\":1}", Encoding.UTF8.GetString((await store.ReadAsync(path))!));
    }

    [Fact]
    public async Task WriteOnce_stores_the_content_type()
    {
        ArtefactPath path = ArtefactPath.Of("posts", "p1", "mail.eml");

        await Store.WriteOnceAsync(path, "Subject: hi\r\n\r\nbody"u8.ToArray(), "message/rfc822");

        BlobProperties properties = await _container.GetBlobClient(path.Value).GetPropertiesAsync();
        Assert.Equal("message/rfc822", properties.ContentType);
    }

    [Fact]
    public async Task Concurrent_WriteOnce_calls_on_one_path_let_exactly_one_win_and_keep_its_content()
    {
        BlobArtefactStore store = Store;
        ArtefactPath path = ArtefactPath.Of("posts", "p1", "decision.json");

        bool[] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.WriteOnceAsync(path, Encoding.UTF8.GetBytes($"writer {i}"), "text/plain"))));

        int winner = Assert.Single(Enumerable.Range(0, results.Length), i => results[i]);
        Assert.Equal($"writer {winner}", Encoding.UTF8.GetString((await store.ReadAsync(path))!));
    }

    [Fact]
    public async Task AppendLineOnce_with_the_same_entry_twice_writes_one_line()
    {
        BlobArtefactStore store = Store;
        ArtefactPath log = ArtefactPath.Of("posts", "p1", "log.jsonl");

        await store.AppendLineOnceAsync(log, "e1", """{"entryId":"e1","event":"submitted"}""");
        await store.AppendLineOnceAsync(log, "e1", """{"entryId":"e1","event":"submitted"}""");
        await store.AppendLineOnceAsync(log, "e2", """{"entryId":"e2","event":"scored"}""");

        Assert.Equal("{\"entryId\":\"e1\",\"event\":\"submitted\"}\n{\"entryId\":\"e2\",\"event\":\"scored\"}\n", await ReadTextAsync(log));
        BlobProperties properties = await _container.GetBlobClient(log.Value).GetPropertiesAsync();
        Assert.Equal(BlobType.Append, properties.BlobType);
    }

    [Fact]
    public async Task AppendLineOnce_ends_every_line_with_one_newline()
    {
        BlobArtefactStore store = Store;
        ArtefactPath log = ArtefactPath.Of("log.jsonl");

        await store.AppendLineOnceAsync(log, "a", """{"entryId":"a"}""");
        await store.AppendLineOnceAsync(log, "b", "{\"entryId\":\"b\"}\n");

        Assert.Equal("{\"entryId\":\"a\"}\n{\"entryId\":\"b\"}\n", await ReadTextAsync(log));
    }

    [Fact]
    public async Task Twenty_concurrent_appends_with_distinct_entries_write_twenty_valid_lines_once_each()
    {
        BlobArtefactStore store = Store;
        ArtefactPath log = ArtefactPath.Of("posts", "p1", "log.jsonl");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            store.AppendLineOnceAsync(log, $"e{i}", JsonSerializer.Serialize(new { entryId = $"e{i}", n = i })))));

        string[] lines = SplitLines(await ReadTextAsync(log));
        Assert.Equal(20, lines.Length);
        List<string> ids = [.. lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("entryId").GetString()!)];
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"e{i}").Order(), ids.Order());
    }

    [Fact]
    public async Task Concurrent_appends_of_the_same_entry_write_one_line()
    {
        BlobArtefactStore store = Store;
        ArtefactPath log = ArtefactPath.Of("posts", "p1", "log.jsonl");

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            store.AppendLineOnceAsync(log, "same", """{"entryId":"same","event":"approved"}"""))));

        Assert.Equal("{\"entryId\":\"same\",\"event\":\"approved\"}\n", await ReadTextAsync(log));
    }

    [Fact]
    public async Task AppendLineOnce_compares_entry_ids_as_json_values_not_as_text()
    {
        BlobArtefactStore store = Store;
        ArtefactPath log = ArtefactPath.Of("log.jsonl");
        await store.AppendLineOnceAsync(log, "a", """{"entryId":"a","note":"b","nested":{"entryId":"c"}}""");

        // "b" and "c" occur in the log, but not as a line's entryId: both are new entries.
        await store.AppendLineOnceAsync(log, "b", """{"entryId":"b"}""");
        await store.AppendLineOnceAsync(log, "c", """{"entryId":"c"}""");

        // An escaped id is the same id.
        await store.AppendLineOnceAsync(log, "café", """{"entryId":"caf\u00e9"}""");
        await store.AppendLineOnceAsync(log, "café", """{"entryId":"café"}""");

        Assert.Equal(["a", "b", "c", "café"], SplitLines(await ReadTextAsync(log)).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("entryId").GetString()));
    }

    [Theory]
    [InlineData("""{"entryId":"other"}""")]
    [InlineData("""{"id":"e1"}""")]
    [InlineData("""{"entryId":1}""")]
    [InlineData("""["e1"]""")]
    [InlineData("""{"entryId":"e1"} {"entryId":"e1"}""")]
    [InlineData("not json")]
    [InlineData("{\n  \"entryId\": \"e1\"\n}")]
    public async Task AppendLineOnce_rejects_a_line_that_is_not_one_json_object_carrying_the_entry_id(string line)
    {
        ArtefactPath log = ArtefactPath.Of("log.jsonl");

        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendLineOnceAsync(log, "e1", line));

        Assert.Null(await Store.ReadAsync(log));
    }

    [Fact]
    public async Task AppendLineOnce_refuses_a_corrupt_log_naming_it()
    {
        ArtefactPath log = ArtefactPath.Of("log.jsonl");
        await _container.CreateIfNotExistsAsync();
        AppendBlobClient blob = _container.GetAppendBlobClient(log.Value);
        await blob.CreateAsync();
        await blob.AppendBlockAsync(new MemoryStream("{\"entryId\":\"a\"}\nnot json\n"u8.ToArray()));

        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(() => Store.AppendLineOnceAsync(log, "b", """{"entryId":"b"}"""));

        Assert.Contains("'log.jsonl'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_returns_null_for_a_missing_artefact_and_for_a_missing_container()
    {
        BlobArtefactStore store = Store;

        Assert.Null(await store.ReadAsync(ArtefactPath.Of("nothing", "here.json")));
        await store.WriteOnceAsync(ArtefactPath.Of("something.json"), "{}"u8.ToArray(), "application/json");
        Assert.Null(await store.ReadAsync(ArtefactPath.Of("nothing", "here.json")));
    }

    [Fact]
    public async Task List_returns_everything_under_the_folder_in_name_order_and_nothing_beside_it()
    {
        BlobArtefactStore store = Store;
        ArtefactPath folder = ArtefactPath.Of("posts", "2025", "01", "02", "p1");
        foreach (string name in new[] { "c.json", "a.json", "b", "a.json.sig", "z-log.jsonl" })
        {
            await store.WriteOnceAsync(folder.Child(name), "x"u8.ToArray(), "text/plain");
        }

        await store.WriteOnceAsync(folder.Child("mail", "1.eml"), "x"u8.ToArray(), "message/rfc822");
        await store.WriteOnceAsync(ArtefactPath.Of("posts", "2025", "01", "02", "p10", "a.json"), "x"u8.ToArray(), "text/plain");
        await store.WriteOnceAsync(ArtefactPath.Of("posts", "2025", "01", "02", "p1.json"), "x"u8.ToArray(), "text/plain");

        List<string> listed = [];
        await foreach (ArtefactPath path in store.ListAsync(folder))
        {
            listed.Add(path.Value);
        }

        Assert.Equal(
            ["a.json", "a.json.sig", "b", "c.json", "mail/1.eml", "z-log.jsonl"],
            listed.Select(p => p[(folder.Value.Length + 1)..]));
    }

    [Fact]
    public async Task List_of_an_empty_folder_is_empty()
    {
        await foreach (ArtefactPath path in Store.ListAsync(ArtefactPath.Of("posts")))
        {
            Assert.Fail($"Unexpected {path}");
        }
    }

    [Fact]
    public async Task The_first_calls_at_once_all_find_the_container_created()
    {
        BlobArtefactStore store = Store;

        bool[] written = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => store.WriteOnceAsync(ArtefactPath.Of($"a{i}"), "x"u8.ToArray(), "text/plain"))));

        Assert.All(written, Assert.True);
        Assert.True(await _container.ExistsAsync());
    }

    private async Task<string> ReadTextAsync(ArtefactPath path) =>
        Encoding.UTF8.GetString((await Store.ReadAsync(path)) ?? throw new InvalidOperationException($"{path} is missing."));

    private static string[] SplitLines(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return text[..^1].Split('\n');
    }
}
