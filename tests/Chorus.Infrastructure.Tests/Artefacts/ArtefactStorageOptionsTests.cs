using System.Text;
using Chorus.Artefacts;
using Chorus.Infrastructure.Artefacts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Tests.Artefacts;

/// <summary><c>AddBlobArtefacts</c>: the <c>Artefacts</c> section, its start-up validation, and the store it registers.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArtefactStorageOptionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_registered_store_uses_the_configured_account_and_container()
    {
        string containerName = "configured-" + Guid.NewGuid().ToString("N")[..8];
        IServiceCollection services = Register(new()
        {
            ["Artefacts:ConnectionString"] = azurite.ConnectionString,
            ["Artefacts:ContainerName"] = containerName,
        });
        ArtefactStorageOptions options = services.CreateOptions<ArtefactStorageOptions>();

        ArtefactContainer artefactContainer = services.CreateSingleton<ArtefactContainer>(new Dictionary<Type, object> { [typeof(IOptions<ArtefactStorageOptions>)] = Options.Create(options) });
        IArtefactStore store = services.CreateSingleton<IArtefactStore>(new Dictionary<Type, object> { [typeof(ArtefactContainer)] = artefactContainer });
        await store.WriteOnceAsync(ArtefactPath.Of("hello.txt"), "hi"u8.ToArray(), "text/plain");

        Assert.Equal(containerName, options.ContainerName);
        Assert.Equal(containerName, artefactContainer.Client.Name);
        Azure.Storage.Blobs.BlobContainerClient container = new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(containerName);
        Assert.Equal("hi", (await container.GetBlobClient("hello.txt").DownloadContentAsync()).Value.Content.ToString());
        Assert.Contains(services, d => d.ServiceType == typeof(IStartupValidator));
    }

    [Fact]
    public void The_container_defaults_to_chorus_artefacts()
    {
        ArtefactStorageOptions options = Register(new() { ["Artefacts:BlobServiceUri"] = "https://chorus.blob.core.windows.net/" }).CreateOptions<ArtefactStorageOptions>();

        Assert.Equal("chorus-artefacts", options.ContainerName);
        Assert.Equal(new Uri("https://chorus.blob.core.windows.net/"), options.BlobServiceUri);
    }

    [Fact]
    public void Without_an_account_start_up_fails_naming_both_settings()
    {
        string message = Failure([]);

        Assert.Contains("Artefacts:ConnectionString", message, StringComparison.Ordinal);
        Assert.Contains("Artefacts:BlobServiceUri", message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_both_a_connection_string_and_a_uri_start_up_fails()
    {
        string message = Failure(new()
        {
            ["Artefacts:ConnectionString"] = azurite.ConnectionString,
            ["Artefacts:BlobServiceUri"] = "https://chorus.blob.core.windows.net/",
        });

        Assert.StartsWith("Set only one of Artefacts:ConnectionString and Artefacts:BlobServiceUri", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_fails_start_up_without_echoing_it()
    {
        string message = Failure(new() { ["Artefacts:ConnectionString"] = "AccountKey=s3cret-but-malformed" });

        Assert.Contains("Artefacts:ConnectionString is not a valid storage connection string", message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_service_uri_fails_start_up() =>
        Assert.Contains(
            "Artefacts:BlobServiceUri must be an absolute http(s) URI",
            Failure(new() { ["Artefacts:BlobServiceUri"] = "chorus.blob.core.windows.net" }),
            StringComparison.Ordinal);

    [Fact]
    public void The_list_tables_are_named_after_the_container_and_found_beside_the_blob_service()
    {
        ArtefactStorageOptions options = new() { BlobServiceUri = new Uri("https://chorus.blob.core.windows.net/"), ContainerName = "chorus-artefacts" };

        Assert.Equal("chorusartefactsposts", options.ListTableName("posts"));
        Assert.Equal("chorusartefactsmentions", options.ListTableName("mentions"));
        Assert.Equal(new Uri("https://chorus.table.core.windows.net/"), options.ListTableServiceUri);
        Assert.Empty(ArtefactStorageOptionsValidator.Check(options));
    }

    [Fact]
    public void A_blob_service_whose_table_service_cannot_be_told_needs_it_named() =>
        Assert.Contains(
            "Set Artefacts:TableServiceUri",
            Failure(new() { ["Artefacts:BlobServiceUri"] = "https://storage.example/blobs/" }),
            StringComparison.Ordinal);

    [Theory]
    [InlineData("1chorus")]
    [InlineData("a-")]
    [InlineData("chorus_lists")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567")]
    public void An_invalid_table_prefix_fails_start_up_naming_the_setting(string prefix) =>
        Assert.Contains(
            "Artefacts:TablePrefix must make valid table names",
            Failure(new() { ["Artefacts:BlobServiceUri"] = "https://chorus.blob.core.windows.net/", ["Artefacts:TablePrefix"] = prefix }),
            StringComparison.Ordinal);

    [Theory]
    [InlineData("Chorus-Artefacts")]
    [InlineData("ab")]
    [InlineData("chorus--artefacts")]
    [InlineData("-chorus")]
    [InlineData("chorus_artefacts")]
    [InlineData("")]
    public void An_invalid_container_name_fails_start_up_naming_the_setting(string name)
    {
        string message = Failure(new()
        {
            ["Artefacts:BlobServiceUri"] = "https://chorus.blob.core.windows.net/",
            ["Artefacts:ContainerName"] = name,
        });

        Assert.Equal($"Artefacts:ContainerName must be a valid Blob container name: 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit (got '{name}').", message);
    }

    [Fact]
    public void A_63_character_container_name_is_valid()
    {
        string name = "a" + new StringBuilder().Insert(0, "b-", 30) + "cd";

        Assert.Equal(63, name.Length);
        Assert.Empty(ArtefactStorageOptionsValidator.Check(new ArtefactStorageOptions { ConnectionString = azurite.ConnectionString, ContainerName = name }));
    }

    private static IServiceCollection Register(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddBlobArtefacts(configuration);
    }

    private static string Failure(Dictionary<string, string?> settings)
    {
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => Register(settings).CreateOptions<ArtefactStorageOptions>());
        return Assert.Single(error.Failures);
    }
}
