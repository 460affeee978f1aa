using SloBot.Core.Journeys;
using Xunit;

namespace SloBot.Core.Tests.Journeys;

public sealed class JourneyTemplatesTests
{
    private static readonly double[] CheckoutSuccessRates = [99.95, 99.9, 99.9, 99.95, 99.95, 99.99];

    [Fact]
    public void List_HasTheDocumentsCategoriesAndJourneys()
    {
        var list = JourneyTemplates.List();

        Assert.Equal(["ecommerce", "saas", "data_pipeline"], list.Keys);
        Assert.Equal(["product_browse", "checkout", "user_registration"], list["ecommerce"]);
        Assert.Equal(["user_login", "api_integration"], list["saas"]);
        Assert.Equal(["batch_processing"], list["data_pipeline"]);
    }

    [Theory]
    [InlineData("E-Commerce", "Checkout")]
    [InlineData("ecommerce", "checkout")]
    [InlineData("e_commerce", "check-out")]
    public void Get_LenientSpellings_FindTheTemplate(string category, string name) =>
        Assert.Equal("checkout", JourneyTemplates.Get(JourneyCategories.Normalise(category)!, name)?.Key);

    [Fact]
    public void Customise_TheDocumentsExample_ChangesOnlyStepFiveAndLeavesTheTemplate()
    {
        var template = JourneyTemplates.Get("ecommerce", "checkout")!;

        var (journey, changes, problems) = JourneyCustomisation.Apply(template, [KeyValuePair.Create("step.5.latency", "1500"), KeyValuePair.Create("criticality", "critical")]);

        Assert.Empty(problems);
        Assert.Equal(1500, journey.Step(5)!.ExpectedLatencyP95Ms);
        Assert.Equal(2000, template.Step(5)!.ExpectedLatencyP95Ms);
        Assert.Equal(template.Steps.Where(s => s.Number != 5), journey.Steps.Where(s => s.Number != 5));
        Assert.Equal(new JourneyChange("step.5.latency", "2000 ms", "1500 ms"), changes[0]);
    }

    [Fact]
    public void Customise_Mistakes_SayWhatExists()
    {
        var template = JourneyTemplates.Get("ecommerce", "checkout")!;

        var (_, _, problems) = JourneyCustomisation.Apply(template,
        [
            KeyValuePair.Create("step.9.latency", "100"), KeyValuePair.Create("step.2.latncy", "100"),
            KeyValuePair.Create("step.2.latency", "fast"), KeyValuePair.Create("step.2.sli", "availabilty"), KeyValuePair.Create("colour", "red"),
        ]);

        Assert.Equal(5, problems.Count);
        Assert.Contains("steps are 1–6", problems[0], StringComparison.Ordinal);
        Assert.Contains("did you mean `step.2.latency`", problems[1], StringComparison.Ordinal);
        Assert.Contains("milliseconds", problems[2], StringComparison.Ordinal);
        Assert.Contains("did you mean `availability`", problems[3], StringComparison.Ordinal);
        Assert.Contains("`step.N.latency`", problems[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_Checkout_GivesTwoSlisPerStepAndTheEndToEndProduct()
    {
        var set = JourneySlis.Derive(JourneyTemplates.Get("ecommerce", "checkout")!);

        Assert.Equal(12, set.Slis.Count);
        var payment = set.Slis.Where(s => s.Step == 5).ToArray();
        Assert.Equal([("availability", 99.95, true), ("latency", 95.0, false)], payment.Select(s => (s.Kind, s.TargetPercent, s.Primary)));
        Assert.Equal(2000, payment[1].ThresholdMs);
        var expected = CheckoutSuccessRates.Aggregate(1.0, (p, r) => p * r / 100) * 100;
        Assert.Equal(expected, set.EndToEndSuccessPercent, 6);
        Assert.Equal(3800, set.LatencyBudgetMs);
    }

    [Fact]
    public void Derive_AsyncStepsAndOverrides_AreHandled()
    {
        var registration = JourneySlis.Derive(JourneyTemplates.Get("ecommerce", "user_registration")!);
        var batch = JourneySlis.Derive(JourneyTemplates.Get("data_pipeline", "batch_processing")!);

        Assert.Equal([4], registration.OffCriticalPath.Select(s => s.Number));
        Assert.Equal(1800, registration.LatencyBudgetMs);
        Assert.Equal("freshness", Assert.Single(batch.JourneySlis).Name);
        Assert.Contains(batch.Slis, s => s is { Step: 3, Kind: "quality", TargetPercent: 95.0, Primary: true });
        Assert.Contains(registration.Slis, s => s is { Step: 2, Kind: "latency", Primary: true });
    }

    [Fact]
    public void Customise_StepOptionForm_IsTheSameAsTheDottedForm()
    {
        var template = JourneyTemplates.Get("ecommerce", "checkout")!;

        var dotted = JourneyCustomisation.Apply(template, [KeyValuePair.Create("step.5.latency", "1500")]);
        var typed = JourneyCustomisation.Apply(template, [KeyValuePair.Create("step", "5"), KeyValuePair.Create("latency", "1500")]);
        var stepless = JourneyCustomisation.Apply(template, [KeyValuePair.Create("latency", "1500")]);

        Assert.Empty(typed.Problems);
        Assert.Equal(dotted.Journey.Steps, typed.Journey.Steps);
        Assert.Contains("Which step", Assert.Single(stepless.Problems), StringComparison.Ordinal);
    }
}
