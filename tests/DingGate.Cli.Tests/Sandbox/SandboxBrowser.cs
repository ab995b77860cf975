using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace DingGate.Cli.Tests.Sandbox;

/// <summary>
/// Debian's Chromium driven by Playwright (its driver ships in the NuGet package; no browser is ever downloaded).
/// A missing Chromium fails the test with the fix, it never skips: test.sh installs the package.
/// </summary>
internal sealed class SandboxBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Generous: the page polls every 0.8 s and the CI machine has two cores.</summary>
    public const float Patience = 30_000;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private SandboxBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Script errors the page raised (uncaught exceptions): a test asserts there were none.</summary>
    public ConcurrentQueue<string> PageErrors { get; } = new();

    public static async Task<SandboxBrowser> LaunchAsync()
    {
        Assert.True(File.Exists(ChromiumPath),
            $"Debian's Chromium is missing at {ChromiumPath}: the browser tests need it (install it with 'apt-get install chromium'; ./test.sh does).");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath, Headless = true, Timeout = Patience,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
            });
            return new SandboxBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens the page and waits until it loaded its fixtures (and its sandbox panel, when served).</summary>
    public async Task<IPage> OpenAsync(Uri url)
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(Patience);
        page.PageError += (_, error) => PageErrors.Enqueue(error);
        await page.GotoAsync(url.ToString());
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = Patience });
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
