using System.ComponentModel.DataAnnotations;

namespace Chorus.Host.Dashboard.SignIn;

/// <summary>
/// The dashboard's sign-in without Entra ID (section <c>Dashboard:SignIn</c>): the run command prints a one-time link,
/// and opening it signs in one local identity that holds every role.
/// </summary>
internal sealed class LocalSignInOptions
{
    public const string SectionName = "Dashboard:SignIn";

    /// <summary>The local identity's address when no review stage names an approver: it sees everything and is asked nothing.</summary>
    public const string FallbackEmail = "dashboard@chorus.local";

    /// <summary>Gets or sets how long a printed sign-in link works (default 30 minutes); it works once.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00", ErrorMessage = "Dashboard:SignIn:LinkLifetime must be between 10 seconds and 7 days.")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets how long the sign-in cookie lasts once the link is used (default 8 hours).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "30.00:00:00", ErrorMessage = "Dashboard:SignIn:SessionLifetime must be between 10 seconds and 30 days.")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Gets or sets the local identity's email address: the approver it decides as. Default: the first review stage's
    /// first approver (<c>Posts:Review:Stages:0:Approvers:0</c>), or <see cref="FallbackEmail"/> without one.
    /// </summary>
    [EmailAddress(ErrorMessage = "Dashboard:SignIn:Email must be an email address.")]
    public string? Email { get; set; }
}
