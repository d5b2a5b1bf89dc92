using System.Buffers;
using System.Buffers.Text;
using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Chorus.Approvals;

/// <summary>
/// Makes and checks approval-link tokens: <c>v1.{keyId}.{payload}.{signature}</c>, where payload is base64url JSON
/// claims and signature is base64url HMAC-SHA256 over <c>v1.{keyId}.{payload}</c> with that key. Any configured key
/// verifies; only the active one signs, so keys rotate without breaking links already in inboxes. Keys are read
/// once, at construction: rotating means restarting the host with the new configuration.
/// </summary>
public sealed partial class ApprovalTokenSigner
{
    /// <summary>The longest token accepted; longer input is refused before any decoding.</summary>
    public const int MaxTokenLength = 2048;

    private const string Version = "v1";
    private const int SignatureBytes = HMACSHA256.HashSizeInBytes;

    private readonly FrozenDictionary<string, byte[]> _keys;
    private readonly string _activeKeyId;
    private readonly TimeSpan _linkLifetime;
    private readonly string _approvalsBase;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a signer from validated options.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid (only reachable when built without the options pipeline).</exception>
    public ApprovalTokenSigner(IOptions<ApprovalLinkOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ApprovalLinkOptions value = options.Value;

        // The options pipeline has normally validated already; checking again keeps a hand-built signer from
        // signing with a short or missing key.
        List<string> failures = [.. ApprovalLinkOptionsValidator.Check(value)];
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ApprovalLinkOptions), failures);
        }

        _keys = value.SigningKeys.ToFrozenDictionary(k => k.Key, k => ApprovalLinkOptionsValidator.DecodeSecret(k.Value)!, StringComparer.Ordinal);
        _activeKeyId = value.ActiveKeyId!;
        _linkLifetime = value.LinkLifetime;
        string baseUrl = value.PublicBaseUrl!.AbsoluteUri;
        _approvalsBase = (baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/") + "approvals/";
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Claims for a new link that expires <see cref="ApprovalLinkOptions.LinkLifetime"/> from now, to the whole second
    /// (the token carries whole seconds).
    /// </summary>
    public ApprovalTokenClaims CreateClaims(string subject, string instanceId, int stage, string approver, string action)
    {
        DateTimeOffset expiresAt = DateTimeOffset.FromUnixTimeSeconds((_timeProvider.GetUtcNow() + _linkLifetime).ToUnixTimeSeconds());
        return new ApprovalTokenClaims(subject, instanceId, stage, approver, action, expiresAt);
    }

    /// <summary>Signs claims with the active key. <see cref="ApprovalTokenClaims.ExpiresAt"/> is carried to the whole second, rounded down.</summary>
    /// <exception cref="ArgumentException">
    /// The claims could never verify or should not be signed: unknown subject, empty instance or approver, negative
    /// stage, an action that is not 1-32 lower-case letters or '-', an expiry not in the future or more than
    /// <see cref="ApprovalLinkOptions.MaxLinkLifetime"/> away, or a token longer than <see cref="MaxTokenLength"/>.
    /// </exception>
    public string Sign(ApprovalTokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (Describe(claims) is { } problem)
        {
            throw new ArgumentException($"Cannot sign these approval claims: {problem}.", nameof(claims));
        }

        DateTimeOffset now = _timeProvider.GetUtcNow();
        long expiresAt = claims.ExpiresAt.ToUnixTimeSeconds();
        if (expiresAt <= now.ToUnixTimeSeconds() || claims.ExpiresAt > now + ApprovalLinkOptions.MaxLinkLifetime)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Cannot sign these approval claims: ExpiresAt ({claims.ExpiresAt:O}) must be after now ({now:O}) and at most {ApprovalLinkOptions.MaxLinkLifetime.TotalDays:0} days away."),
                nameof(claims));
        }

        ApprovalTokenPayload payload = new(claims.Subject, claims.InstanceId, claims.Stage, claims.Approver, claims.Action, expiresAt);
        string encodedPayload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload, ApprovalTokenJsonContext.Default.ApprovalTokenPayload));
        string signed = $"{Version}.{_activeKeyId}.{encodedPayload}";
        int length = signed.Length + 1 + Base64Url.GetEncodedLength(SignatureBytes);
        if (length > MaxTokenLength)
        {
            throw new ArgumentException($"Cannot sign these approval claims: the token would be {length} characters, over the {MaxTokenLength} that verification accepts; shorten the instance id or approver.", nameof(claims));
        }

        return $"{signed}.{Base64Url.EncodeToString(Mac(_keys[_activeKeyId], signed))}";
    }

    /// <summary>
    /// Checks a token: shape, key, signature (in constant time), then expiry against the <see cref="TimeProvider"/>.
    /// A token is expired from its <see cref="ApprovalTokenClaims.ExpiresAt"/> second onwards.
    /// </summary>
    public TokenCheck Verify(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TokenCheck.Refused(TokenProblem.Missing);
        }

        if (token.Length > MaxTokenLength)
        {
            return TokenCheck.Refused(TokenProblem.Malformed);
        }

        string[] parts = token.Split('.');
        if (parts.Length != 4 || parts[0] != Version || !ApprovalLinkOptionsValidator.IsWellFormedKeyId(parts[1]) || !IsBase64Url(parts[2]) || !IsBase64Url(parts[3]))
        {
            return TokenCheck.Refused(TokenProblem.Malformed);
        }

        byte[]? signature = DecodeCanonical(parts[3]);
        if (signature is not { Length: SignatureBytes })
        {
            return TokenCheck.Refused(TokenProblem.Malformed);
        }

        if (!_keys.TryGetValue(parts[1], out byte[]? key))
        {
            return TokenCheck.Refused(TokenProblem.UnknownKey);
        }

        byte[] expected = Mac(key, token.AsSpan(0, token.LastIndexOf('.')));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return TokenCheck.Refused(TokenProblem.BadSignature);
        }

        // Only now, with the signature proven, is the payload parsed: nobody else's JSON reaches the parser.
        ApprovalTokenClaims? claims = ReadPayload(parts[2]);
        if (claims is null)
        {
            return TokenCheck.Refused(TokenProblem.Malformed);
        }

        return _timeProvider.GetUtcNow() >= claims.ExpiresAt ? TokenCheck.Refused(TokenProblem.Expired) : TokenCheck.Valid(claims);
    }

    /// <summary>The link an approver opens: <c>{PublicBaseUrl}approvals/{token}</c>. GET shows the confirmation page; POST to it decides.</summary>
    public Uri BuildLink(ApprovalTokenClaims claims) => new(_approvalsBase + Sign(claims), UriKind.Absolute);

    private static byte[] Mac(byte[] key, ReadOnlySpan<char> signedPart)
    {
        Span<byte> ascii = stackalloc byte[MaxTokenLength];
        int length = Encoding.ASCII.GetBytes(signedPart, ascii);
        return HMACSHA256.HashData(key, ascii[..length]);
    }

    private static bool IsBase64Url(string part) => part.Length > 0 && Base64UrlAlphabet().IsMatch(part);

    /// <summary>Decodes base64url, refusing the non-canonical spellings (stray trailing bits) that would let one signature have several texts.</summary>
    private static byte[]? DecodeCanonical(string part)
    {
        // The OperationStatus overload, because TryDecodeFromChars throws on some impossible lengths.
        byte[] buffer = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        if (Base64Url.DecodeFromChars(part, buffer, out _, out int written) != OperationStatus.Done)
        {
            return null;
        }

        byte[] decoded = buffer[..written];
        return Base64Url.EncodeToString(decoded) == part ? decoded : null;
    }

    private static ApprovalTokenClaims? ReadPayload(string part)
    {
        byte[]? json = DecodeCanonical(part);
        if (json is null)
        {
            return null;
        }

        ApprovalTokenPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(json, ApprovalTokenJsonContext.Default.ApprovalTokenPayload);
        }
        catch (JsonException)
        {
            return null;
        }

        if (payload is null || payload.ExpiresAt < 0 || payload.ExpiresAt > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        ApprovalTokenClaims claims = new(payload.Subject, payload.InstanceId, payload.Stage, payload.Approver, payload.Action, DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAt));
        return Describe(claims) is null ? claims : null;
    }

    /// <summary>Says what is wrong with claims that must never be in a token, or null when they are fine.</summary>
    private static string? Describe(ApprovalTokenClaims claims)
    {
        if (!ApprovalSubjects.IsKnown(claims.Subject))
        {
            return $"Subject must be '{ApprovalSubjects.Post}' or '{ApprovalSubjects.Mention}'";
        }

        if (string.IsNullOrWhiteSpace(claims.InstanceId))
        {
            return "InstanceId is empty";
        }

        if (claims.Stage < 0)
        {
            return "Stage is negative";
        }

        if (string.IsNullOrWhiteSpace(claims.Approver))
        {
            return "Approver is empty";
        }

        return ActionPattern().IsMatch(claims.Action ?? string.Empty) ? null : "Action must be 1-32 lower-case letters or '-', e.g. 'approve'";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Base64UrlAlphabet();

    [GeneratedRegex(@"^[a-z][a-z-]{0,31}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ActionPattern();
}
