using ProjectPortfolio.Domain.Common;

namespace ProjectPortfolio.Domain.Catalogue;

/// <summary>An optional umbrella over several projects (e.g. maternal health in Rwanda).</summary>
public class Programme : AggregateRoot
{
    private Programme() { Code = Name = string.Empty; }

    public Programme(string code, string name, string? description)
    {
        Code = Codes.Normalise(code, "Code", 40);
        Name = Guard.Text(name, "Name", 200);
        Description = Guard.OptionalText(description, "Description", 4000);
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public string? Description { get; private set; }
}
