namespace ProjectPortfolio.Infrastructure.Identity;

/// <summary>How many sign-in attempts one client address or one account made in its current window. The row lives in
/// the database rather than in a node's memory so that every node behind the balancer counts against the same limit
/// (issue 7). Written only by <see cref="SignInAttempts"/>, one atomic statement per attempt.</summary>
public sealed class SignInCounter
{
    public const int KeyMaxLength = 300;

    private SignInCounter() { }

    /// <summary>"address:203.0.113.7" or "account:NAME@EXAMPLE.ORG".</summary>
    public string Key { get; private set; } = null!;

    /// <summary>The first attempt of the window: the window is fixed from there, as the in-memory limiter's was.</summary>
    public DateTime WindowStartUtc { get; private set; }

    public int Count { get; private set; }
}
