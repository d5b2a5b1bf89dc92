namespace Chorus.Approvals;

/// <summary>Why an approval token was refused; <see cref="None"/> when it is valid.</summary>
public enum TokenProblem
{
    /// <summary>The token is valid.</summary>
    None,

    /// <summary>No token was given.</summary>
    Missing,

    /// <summary>The token is not in the expected shape (damaged, truncated, too long, not base64url, bad payload).</summary>
    Malformed,

    /// <summary>The token names a signing key that is not configured (for example one retired after rotation).</summary>
    UnknownKey,

    /// <summary>The signature does not match: the token was altered or forged.</summary>
    BadSignature,

    /// <summary>The token is genuine but past its expiry.</summary>
    Expired,
}
