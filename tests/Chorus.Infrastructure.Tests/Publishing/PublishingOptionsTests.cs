using Chorus.Infrastructure.Publishing;
using Chorus.Posts;
using Chorus.Posts.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Tests.Publishing;

/// <summary>Publishing accounts are checked at start, each problem naming the setting to fix.</summary>
public sealed class PublishingOptionsTests
{
    [Fact]
    public void No_account_is_valid_and_serves_no_channel()
    {
        PublishingOptions options = Create([]);

        Assert.Empty(options.Accounts);
        Assert.Null(options.AccountFor(Channel.X));
    }

    [Fact]
    public void Each_network_defaults_its_base_address_and_channel()
    {
        PublishingOptions options = Create(new()
        {
            ["Publishing:Accounts:sky:Network"] = "bluesky",
            ["Publishing:Accounts:sky:Identifier"] = "chorus.bsky.social",
            ["Publishing:Accounts:sky:AppPassword"] = "xxxx-xxxx-xxxx-xxxx",
            ["Publishing:Accounts:bird:Network"] = "x",
            ["Publishing:Accounts:bird:AccessToken"] = "token",
            ["Publishing:Accounts:company-li:Network"] = "mastodon",
            ["Publishing:Accounts:company-li:BaseUrl"] = "https://mastodon.example",
            ["Publishing:Accounts:company-li:AccessToken"] = "token",
        });

        Assert.Equal(new Uri("https://bsky.social/"), options.Accounts["sky"].EffectiveBaseUrl);
        Assert.Equal(new Uri("https://api.x.com/"), options.Accounts["bird"].EffectiveBaseUrl);
        Assert.Equal("sky", options.AccountFor(Channel.Bluesky)?.Key);
        Assert.Equal("bird", options.AccountFor(Channel.X)?.Key);
        Assert.Equal("company-li", options.AccountFor(Channel.Mastodon)?.Key);
        Assert.Null(options.AccountFor(Channel.LinkedIn));
    }

    [Fact]
    public void Missing_credentials_and_addresses_and_a_channel_served_twice_are_each_named()
    {
        OptionsValidationException failure = Assert.Throws<OptionsValidationException>(() => Create(new()
        {
            ["Publishing:Accounts:a:Network"] = "mastodon",
            ["Publishing:Accounts:b:Network"] = "bluesky",
            ["Publishing:Accounts:b:BaseUrl"] = "ftp://pds.example",
            ["Publishing:Accounts:c:Network"] = "x",
            ["Publishing:Accounts:d:Network"] = "x",
            ["Publishing:Accounts:d:AccessToken"] = "token",
            ["Publishing:Accounts:e:AccessToken"] = "token",
            ["Publishing:HttpTimeout"] = "00:00:00",
        }));

        Assert.Contains(failure.Failures, f => f.StartsWith("Publishing:Accounts:a:BaseUrl is required", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Publishing:Accounts:a:AccessToken is required", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Publishing:Accounts:b:BaseUrl must be", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Publishing:Accounts:b:Identifier is required", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Publishing:Accounts:b:AppPassword is required", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Publishing:Accounts:c:AccessToken is required", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Publishing:Accounts:d:Channel", StringComparison.Ordinal) && f.Contains("Publishing:Accounts:c", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Publishing:Accounts:e:Network is required", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Publishing:HttpTimeout", StringComparison.Ordinal));
    }

    private static PublishingOptions Create(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using ServiceProvider services = new ServiceCollection().AddPublishing(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<PublishingOptions>>().Value;
    }
}
