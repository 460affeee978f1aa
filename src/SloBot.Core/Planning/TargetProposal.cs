namespace SloBot.Core.Planning;

/// <summary>Which branch of seed 004's <c>_propose_slo_targets</c> a proposal took.</summary>
public enum ProposalRule
{
    /// <summary>actual &gt; target + 0.5: "Exceeding current SLO consistently", min(target + 0.1, 99.99).</summary>
    Tighten,

    /// <summary>actual &lt; target: "Struggling to meet current SLO", max(target − 0.1, 99.0).</summary>
    Relax,

    /// <summary>otherwise: "Current SLO appropriate", the target kept.</summary>
    Keep,
}

/// <summary>
/// One proposal of seed 004 §Quarterly SLO Planning, in percent as the document computes it (99.9, not 0.999).
/// <see cref="ProposedPercent"/> is the document's arithmetic to the bit (99.5 + 0.1 is 99.6, 99.9 − 0.1 is 99.80000000000001).
/// </summary>
public sealed record TargetProposal(double CurrentPercent, double ProposedPercent, double ActualPercent, ProposalRule Rule)
{
    /// <summary>The document's rationale, word for word.</summary>
    public string Rationale => Rule switch
    {
        ProposalRule.Tighten => "Exceeding current SLO consistently",
        ProposalRule.Relax => "Struggling to meet current SLO",
        _ => "Current SLO appropriate",
    };

    /// <summary>The proposed target as a ratio, rounded to 10 decimals so the document's 99.80000000000001 is 0.998.</summary>
    public double ProposedRatio => Math.Round(ProposedPercent / 100, 10);

    /// <summary>
    /// The document's clamps can move a target the other way: relaxing a target under 99 % raises it to the 99.0 floor,
    /// tightening one above 99.99 % lowers it to the cap. SloBot keeps the document's number and says so.
    /// </summary>
    public bool ClampReversed => Rule switch
    {
        ProposalRule.Relax => ProposedPercent > CurrentPercent,
        ProposalRule.Tighten => ProposedPercent < CurrentPercent,
        _ => false,
    };

    /// <summary>The target's change in points (proposed − current).</summary>
    public double ChangePoints => ProposedPercent - CurrentPercent;
}

/// <summary>Seed 004 <c>QuarterlySLOPlanning._propose_slo_targets</c>: the rule, its thresholds and clamps.</summary>
public static class TargetProposals
{
    /// <summary>Points above the target beyond which the document tightens.</summary>
    public const double TightenMargin = 0.5;

    /// <summary>Points a target moves by.</summary>
    public const double Step = 0.1;

    /// <summary>The tightest target the document proposes.</summary>
    public const double CeilingPercent = 99.99;

    /// <summary>The loosest target the document relaxes to.</summary>
    public const double FloorPercent = 99.0;

    /// <summary>The rule for a target and the achieved SLI, both in percent, exactly as the document's Python.</summary>
    public static TargetProposal Propose(double currentPercent, double actualPercent)
    {
        if (actualPercent > currentPercent + TightenMargin)
            return new TargetProposal(currentPercent, Math.Min(currentPercent + Step, CeilingPercent), actualPercent, ProposalRule.Tighten);
        if (actualPercent < currentPercent)
            return new TargetProposal(currentPercent, Math.Max(currentPercent - Step, FloorPercent), actualPercent, ProposalRule.Relax);
        return new TargetProposal(currentPercent, currentPercent, actualPercent, ProposalRule.Keep);
    }
}
