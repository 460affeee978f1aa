using Stateless;
using Stateless.Graph;

namespace SloBot.Chat.Conversations;

/// <summary>What can happen to a conversation. Answers are parsed outside the machine; the machine decides where they lead.</summary>
public enum FlowTrigger
{
    Answer,
    Next,
    Skip,
    Back,
    Publish,
    Cancel,
    Abandon,
    Resume,
}

/// <summary>
/// The Stateless machine of a flow, built over external state (the loaded record's state, held in a local) for
/// one event: steps are substates of "active"; a single step's answer leads to the next step, a list step's
/// answer re-enters it and <c>next</c> leaves it; <c>back</c> returns; <c>cancel</c> and abandonment leave from
/// anywhere; an abandoned conversation resumes at the step it was at. Unhandled triggers (a stale button, a step
/// answered twice) do not throw: <see cref="WasUnhandled"/> is set and the engine answers "that step is already done".
/// </summary>
internal sealed class FlowMachine
{
    public const string Active = "active";

    private readonly StateMachine<string, FlowTrigger> _machine;

    public FlowMachine(ConversationFlow flow, Func<string> read, Action<string> write, Func<string>? resumeState = null)
    {
        _machine = new StateMachine<string, FlowTrigger>(read, write);
        _machine.OnUnhandledTrigger((_, _) => WasUnhandled = true);
        _machine.Configure(Active)
            .Permit(FlowTrigger.Cancel, FlowStates.Cancelled)
            .Permit(FlowTrigger.Abandon, FlowStates.Abandoned);
        var steps = flow.Steps;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var next = i + 1 < steps.Count ? steps[i + 1].Name : FlowStates.Completed;
            var state = _machine.Configure(step.Name).SubstateOf(Active);
            switch (step.Kind)
            {
                case StepKind.Single:
                    state.Permit(FlowTrigger.Answer, next);
                    break;
                case StepKind.List:
                    state.PermitReentry(FlowTrigger.Answer).Permit(FlowTrigger.Next, next);
                    break;
                case StepKind.Review:
                    state.Permit(FlowTrigger.Publish, next);
                    break;
            }

            if (step.Optional && step.Kind != StepKind.Review)
                state.Permit(FlowTrigger.Skip, next);
            if (i > 0)
                state.Permit(FlowTrigger.Back, steps[i - 1].Name);
        }

        var resumable = new Stateless.Reflection.DynamicStateInfos();
        foreach (var step in steps)
            resumable.Add(step.Name, "abandoned at " + step.Name);
        _machine.Configure(FlowStates.Abandoned).PermitDynamic(
            FlowTrigger.Resume,
            () => resumeState?.Invoke() ?? steps[0].Name,
            "the step it was at",
            resumable);
    }

    public bool WasUnhandled { get; private set; }

    public string State => _machine.State;

    public bool CanFire(FlowTrigger trigger) => _machine.CanFire(trigger);

    public Task FireAsync(FlowTrigger trigger) => _machine.FireAsync(trigger);

    /// <summary>The machine as a Mermaid state diagram (docs/conversations-*.md).</summary>
    public string ToMermaid() => MermaidGraph.Format(_machine.GetInfo());

    public static string Diagram(ConversationFlow flow)
    {
        var state = flow.Steps[0].Name;
        return new FlowMachine(flow, () => state, s => state = s).ToMermaid();
    }
}
