namespace ProjectPortfolio.Web;

/// <summary>Anchor type of Resources/SharedResource*.resx: every string the UI shows comes from there.</summary>
public sealed class SharedResource;
