using Chorus.Host.Mentions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chorus.Host.Tests;

/// <summary><c>Mentions:Digest</c>: bound into <see cref="MentionDigestOptions"/> and checked when the self-host starts.</summary>
[Collection(HostCollection.Name)]
public sealed class MentionDigestOptionsTests(LocalServicesFixture services)
{
    [Theory]
    [InlineData("Mentions:Digest:Recipients:1", "Comms <comms@chorus.test>", "Mentions:Digest:Recipients:1 is not an email address")]
    [InlineData("Mentions:Digest:Recipients:1", "comms@chorus", "Mentions:Digest:Recipients:1 is not an email address")]
    [InlineData("Mentions:Digest:Schedule", "every morning", "Mentions:Digest:Schedule 'every morning' is not a cron expression")]
    [InlineData("Mentions:Digest:Schedule", "0 8 * *", "Mentions:Digest:Schedule '0 8 * *' is not a cron expression")]
    [InlineData("Mentions:Digest:Schedule", " ", "Mentions:Digest:Schedule is required")]
    public async Task A_bad_recipient_or_schedule_stops_start_up_naming_the_setting(string key, string value, string expected)
    {
        OptionsValidationException refused = await Assert.ThrowsAsync<OptionsValidationException>(() => ChorusTestHost.StartAsync(services, configure: (s, address) =>
        {
            s["Mentions:Digest:Recipients:0"] = address("staff");
            s[key] = value;
        }));

        string failure = Assert.Single(refused.Failures);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_digest_reads_its_recipients_and_schedule_from_the_section()
    {
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (s, address) =>
        {
            s["Mentions:Digest:Recipients:0"] = address("staff");
            s["Mentions:Digest:Recipients:1"] = address("comms");
            s["Mentions:Digest:Schedule"] = "30 7 * * 1-5";
        });

        MentionDigest digest = host.Services.GetRequiredService<MentionDigest>();
        Assert.Equal([host.Approver("staff"), host.Approver("comms")], digest.Recipients);
        Assert.Equal("30 7 * * 1-5", digest.Schedule);
    }
}
