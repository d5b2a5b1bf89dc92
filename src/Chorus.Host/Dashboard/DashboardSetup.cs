using System.Globalization;
using Chorus.Host.Approvals;
using Chorus.Host.Dashboard.Deciding;
using Chorus.Host.Dashboard.SignIn;
using Chorus.Host.Posts;
using Chorus.Posts.Review;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace Chorus.Host.Dashboard;

/// <summary>
/// The dashboard: server-rendered Razor Pages under <c>/dashboard</c> (their files under <c>Dashboard/</c>, by feature),
/// its static assets (its CSS, its script and Chart.js, all served by this app), and its own sign-in: a cookie that
/// only the dashboard accepts, made by Entra ID over OpenID Connect when <c>Dashboard:Entra</c> is configured, or else
/// by a one-time link the run command prints. The API never accepts that cookie, and the pages never accept an API key.
/// </summary>
internal static class DashboardSetup
{
    public const string BasePath = "/dashboard";
    public const string AssetsPath = "/dashboard/assets";
    public const string SignInPath = "/dashboard/sign-in";
    public const string ErrorPath = "/dashboard/error";

    public static IServiceCollection AddChorusDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Dashboard";
            options.Conventions.AuthorizeFolder("/", DashboardRoles.ViewPolicy);
            options.Conventions.AllowAnonymousToFolder("/SignIn");
            options.Conventions.AllowAnonymousToFolder("/Errors");
        }).ConfigureApplicationPartManager(manager =>
        {
            // The pages are compiled into this assembly; a host whose entry assembly is another (the tests, the
            // benchmarks) would not find them by itself.
            System.Reflection.Assembly host = typeof(DashboardSetup).Assembly;
            if (!manager.ApplicationParts.OfType<AssemblyPart>().Any(part => part.Assembly == host))
            {
                foreach (ApplicationPart part in ApplicationPartFactory.GetApplicationPartFactory(host).GetApplicationParts(host))
                {
                    manager.ApplicationParts.Add(part);
                }
            }
        });
        services.Configure<MvcOptions>(options =>
        {
            // jQuery's "a[b]" key syntax is no form of these pages, and a key with '[' but no ']' made the jQuery value
            // providers throw: a 500 for a form anyone can send.
            options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            options.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "chorus.dashboard.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__antiforgery";
        });

        services.Configure<CookieTempDataProviderOptions>(options =>
        {
            // What a decision recorded, carried across its redirect.
            options.Cookie.Name = "chorus.dashboard.said";
            options.Cookie.Path = BasePath;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.IsEssential = true;
        });

        bool entra = EntraSignInOptions.IsConfigured(configuration);
        services.AddOptions<LocalSignInOptions>()
            .Bind(configuration.GetSection(LocalSignInOptions.SectionName))
            .PostConfigure<IOptions<ReviewOptions>>((options, review) => options.Email ??= review.Value.Stages.SelectMany(s => s.Approvers).FirstOrDefault() ?? LocalSignInOptions.FallbackEmail)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SignInLinks>();
        services.TryAddSingleton<ISignInLinkOutput, ConsoleSignInLinkOutput>();
        services.AddScoped<DashboardDecisions>();

        AuthenticationBuilder authentication = services.AddAuthentication();
        if (entra)
        {
            services.AddOptions<EntraSignInOptions>().Bind(configuration.GetSection(EntraSignInOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
            IConfigurationSection section = configuration.GetSection(EntraSignInOptions.SectionName);
            authentication.AddMicrosoftIdentityWebApp(
                identity =>
                {
                    // The section as Microsoft.Identity.Web reads it, with this app's defaults where it is silent.
                    EntraSignInOptions defaults = new();
                    section.Bind(identity);
                    identity.Instance = string.IsNullOrEmpty(identity.Instance) ? defaults.Instance : identity.Instance;
                    identity.CallbackPath = section[nameof(EntraSignInOptions.CallbackPath)] ?? defaults.CallbackPath;
                },
                configureCookieAuthenticationOptions: null,
                DashboardRoles.EntraScheme,
                DashboardRoles.CookieScheme);
            services.AddOptions<OpenIdConnectOptions>(DashboardRoles.EntraScheme).PostConfigure(oidc =>
            {
                // App roles arrive in the "roles" claim.
                oidc.TokenValidationParameters.RoleClaimType = "roles";
            });
        }
        else
        {
            authentication.AddCookie(DashboardRoles.CookieScheme);
        }

        // After Microsoft.Identity.Web's own settings, so these win in both modes.
        services.AddOptions<CookieAuthenticationOptions>(DashboardRoles.CookieScheme).PostConfigure<IOptions<LocalSignInOptions>>((cookie, local) =>
        {
            cookie.Cookie.Name = "chorus.dashboard";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = BasePath;

            // Strict keeps the cookie off every request another site starts. Entra ID's answer is such a request (a
            // form POST from login.microsoftonline.com, then a redirect), so there Lax lets the fresh sign-in arrive.
            cookie.Cookie.SameSite = entra ? SameSiteMode.Lax : SameSiteMode.Strict;
            cookie.ExpireTimeSpan = local.Value.SessionLifetime;
            cookie.SlidingExpiration = false;
            cookie.LoginPath = SignInPath;
            cookie.AccessDeniedPath = SignInPath + "/denied";
            cookie.LogoutPath = SignInPath + "/out";
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardRoles.ViewPolicy, policy => policy
                .AddAuthenticationSchemes(DashboardRoles.CookieScheme)
                .RequireAuthenticatedUser()
                .RequireRole(DashboardRoles.Viewer, DashboardRoles.Approver, DashboardRoles.Admin))
            .AddPolicy(DashboardRoles.DecidePolicy, policy => policy
                .AddAuthenticationSchemes(DashboardRoles.CookieScheme)
                .RequireAuthenticatedUser()
                .RequireRole(DashboardRoles.Approver, DashboardRoles.Admin));
        return services;
    }

    /// <summary>
    /// What dashboard requests go through before their page: GET, HEAD and POST only, forms held to the size of the largest decision
    /// (<see cref="ApprovalDecisions.MaxFormBytesFor"/>), and failures shown as a page in words
    /// (<c>Errors/Index</c>) rather than the API's JSON problem details. Call it after the app-wide status code pages
    /// and exception handler, so these, nearer the pages, answer first.
    /// </summary>
    public static WebApplication UseChorusDashboard(this WebApplication app)
    {
        int maxFormBytes = ApprovalDecisions.MaxFormBytesFor(app.Services.GetRequiredService<IOptions<PostApiOptions>>().Value);
        app.UseWhen(http => http.Request.Path.StartsWithSegments(BasePath), dashboard =>
        {
            dashboard.UseExceptionHandler(ErrorPath + "/500");
            dashboard.UseStatusCodePagesWithReExecute(ErrorPath + "/{0}");
            dashboard.Use((http, next) =>
            {
                string method = http.Request.Method;
                bool describingFailure = http.Features.Get<IStatusCodeReExecuteFeature>() is not null;
                if (!(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method) || describingFailure))
                {
                    // Razor Pages would render a page for any method it has no handler for; these pages take only these.
                    http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                    http.Response.Headers.Allow = "GET, HEAD, POST";
                    return Task.CompletedTask;
                }

                if (HttpMethods.IsPost(method))
                {
                    ApprovalDecisions.HoldToFormLimit(http, maxFormBytes);
                }

                return next(http);
            });
        });
        return app;
    }

    /// <summary>Serves the dashboard's assets and maps its pages, which the OpenAPI document leaves out (they are not API).</summary>
    public static WebApplication MapChorusDashboard(this WebApplication app)
    {
        string assets = Path.Combine(AppContext.BaseDirectory, "Dashboard", "assets");
        if (Directory.Exists(assets))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(assets), RequestPath = AssetsPath });
        }

        app.MapRazorPages().ExcludeFromDescription();
        return app;
    }

    /// <summary>How the run command's welcome block says to open the dashboard: a fresh one-time link, or where Entra ID sign-in starts.</summary>
    public static string WelcomeLine(IServiceProvider services, Uri baseUri)
    {
        if (EntraSignInOptions.IsConfigured(services.GetRequiredService<IConfiguration>()))
        {
            return $"{baseUri}dashboard   (sign in with Entra ID)";
        }

        LocalSignInOptions local = services.GetRequiredService<IOptions<LocalSignInOptions>>().Value;
        Uri link = services.GetRequiredService<SignInLinks>().Issue(baseUri);
        return string.Create(CultureInfo.InvariantCulture, $"{link}   (one-time sign-in as {local.Email}, valid {local.LinkLifetime.TotalMinutes:0} min)");
    }
}
