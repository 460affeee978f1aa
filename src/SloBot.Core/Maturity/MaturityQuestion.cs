namespace SloBot.Core.Maturity;

/// <summary>A maturity criterion SloBot cannot measure, asked as <c>name=yes|partly|no</c>.</summary>
/// <param name="Level">The level whose characteristic it is.</param>
public sealed record MaturityQuestion(string Name, int Level, string Characteristic, string Question);

public static class MaturityQuestions
{
    // seed 004 §SLO Maturity Model: the characteristics of levels 4 and 5 that no data of SloBot shows, and the
    // assessment's stakeholder_alignment criterion.
    public static IReadOnlyList<MaturityQuestion> All { get; } =
    [
        new("roadmap", 4, "SLO-driven roadmap", "Is the reliability roadmap planned from SLO gaps and error budget spend (e.g. each quarter)?"),
        new("governance", 4, "Strong governance", "Is there strong governance: named SLO owners, an error budget policy everyone follows, SLO changes approved?"),
        new("stakeholders", 4, "Stakeholder alignment", "Do executives, product and engineering buy in to the SLOs (they read the reports and act on them)?"),
        new("culture", 5, "SLO culture embedded", "Is the SLO culture embedded: new services get SLOs by default and teams argue with budgets unprompted?"),
        new("managed", 5, "Automated SLO management", "Are SLOs managed automatically: targets, rules and dashboards generated and updated from the catalog, not by hand?"),
        new("predictive", 5, "Predictive incident prevention", "Are incidents prevented predictively (capacity and burn forecasts acted on before users notice)?"),
        new("slas", 5, "Customer-facing SLAs", "Do customers get SLAs backed by these SLOs?"),
    ];

    public static MaturityQuestion? Find(string name) =>
        All.FirstOrDefault(q => string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase));
}
