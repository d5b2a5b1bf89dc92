using System.ComponentModel.DataAnnotations;

namespace Chorus.Engine;

/// <summary>Settings of the embedded durable engine, bound from the <c>Durable</c> configuration section.</summary>
public sealed class EngineOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Durable";

    /// <summary>Gets or sets a Blob Storage connection string (Azurite locally). Either this or <see cref="BlobServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the Blob service URI, used with <c>DefaultAzureCredential</c> when no connection string is set.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Gets or sets the task hub: the container that holds every instance's history and inbox.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Durable:HubName must be a valid container name: 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.")]
    public string HubName { get; set; } = "chorus-hub";

    /// <summary>Gets or sets this process's name as an owner of instances; give each process on one store its own.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._:-]{1,64}$", ErrorMessage = "Durable:WorkerId must be 1-64 letters, digits, '.', '_', ':' or '-'.")]
    public string WorkerId { get; set; } = Environment.MachineName;

    /// <summary>Gets or sets whether this process runs orchestrations; false makes it a client only (it starts, signals and reads instances).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>Gets or sets how many activities run at once in this process.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentActivities { get; set; } = 64;

    /// <summary>Gets or sets how often storage is asked for due timers, orphaned instances and inbox messages.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets how long a claim on an instance lasts without renewal; after a crash others wait this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OwnershipDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long finished turns may wait to be written together while activities are in flight.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan MaxFlushDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets or sets how long an instance with nothing to do stays in memory.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan IdleUnloadAfter { get; set; } = TimeSpan.FromSeconds(10);
}
