using Microsoft.AspNetCore.Routing.Patterns;

namespace Chorus.Host.Tests;

/// <summary>Routes as comparable text: "METHOD /path/{param}", with constraints and defaults dropped.</summary>
internal static class RouteText
{
    public static string Of(string method, RoutePattern pattern)
    {
        IEnumerable<string> segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => part.ToString(),
        })));
        return $"{method.ToUpperInvariant()} /{string.Join('/', segments)}";
    }
}
