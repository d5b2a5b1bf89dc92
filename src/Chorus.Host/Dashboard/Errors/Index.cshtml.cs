using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Chorus.Host.Dashboard.Errors;

/// <summary>
/// What a person sees when a dashboard request fails: the status code pages and the exception handler re-execute here
/// (<see cref="DashboardSetup.UseChorusDashboard"/>), keeping the failed request's status, so a browser shows a page in
/// words instead of an empty body or an API's JSON problem. Every method lands here, a refused form's POST included.
/// </summary>
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = string.Empty;

    public string Explanation { get; private set; } = string.Empty;

    /// <summary>Runs for every method, with or without a handler (there is none), so a failed POST or PUT is described too.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        bool failed = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        if (!failed)
        {
            // Opened directly: there is no failed request to describe.
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        (Heading, Explanation) = Response.StatusCode switch
        {
            StatusCodes.Status400BadRequest => ("This request could not be taken", "The form was not one these pages send, or it had grown stale (a page left open for long, or from before a sign-out or restart). Nothing was recorded. Go back, reload the page and try again."),
            StatusCodes.Status404NotFound => ("No such page", "There is nothing at this address."),
            StatusCodes.Status405MethodNotAllowed => ("Not something this page does", "This address does not take that kind of request. Nothing was recorded."),
            StatusCodes.Status413PayloadTooLarge => ("That was more than a form may send", "The form was larger than any decision needs. Nothing was recorded. Shorten the comment or reply and try again."),
            >= 500 => ("Something went wrong on our side", "Nothing you sent was lost or recorded twice. Try again in a moment; if it keeps happening, tell whoever runs Chorus the time it happened."),
            _ => ("This request could not be taken", "Nothing was recorded. Go back, reload the page and try again."),
        };
    }
}
