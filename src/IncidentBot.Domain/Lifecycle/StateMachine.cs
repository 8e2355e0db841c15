using System.Text;

namespace IncidentBot.Domain.Lifecycle;

/// <summary>
/// The small subset of Stateless this project needs: states live outside the machine (in the
/// incident), transitions are declared once with <see cref="Configure"/>, guards carry a
/// description so <see cref="CanFire(TTrigger, out IReadOnlyList{string})"/> can say why not, and the
/// graph is exported from the same table so diagrams never drift from the code.
/// </summary>
public sealed class StateMachine<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly Func<TState> _stateAccessor;
    private readonly Action<TState> _stateMutator;
    private readonly Dictionary<TState, StateConfiguration> _states = new();

    public StateMachine(Func<TState> stateAccessor, Action<TState> stateMutator)
    {
        _stateAccessor = stateAccessor;
        _stateMutator = stateMutator;
    }

    public TState State => _stateAccessor();

    public StateConfiguration Configure(TState state)
    {
        if (!_states.TryGetValue(state, out var configuration))
        {
            configuration = new StateConfiguration(state);
            _states.Add(state, configuration);
        }
        return configuration;
    }

    /// <summary>Triggers that can fire now: a transition exists from the current state and its guard holds.</summary>
    public IReadOnlyList<TTrigger> PermittedTriggers =>
        _states.TryGetValue(State, out var configuration)
            ? configuration.Transitions.Where(t => t.GuardHolds()).Select(t => t.Trigger).Distinct().ToList()
            : [];

    public bool CanFire(TTrigger trigger) => CanFire(trigger, out _);

    /// <summary>Whether <paramref name="trigger"/> can fire; if not, the descriptions of the guards that failed (empty when no transition exists at all).</summary>
    public bool CanFire(TTrigger trigger, out IReadOnlyList<string> unmetGuards)
    {
        var candidates = Candidates(trigger);
        if (candidates.Any(t => t.GuardHolds()))
        {
            unmetGuards = [];
            return true;
        }
        unmetGuards = candidates.Where(t => !t.GuardHolds()).Select(t => t.GuardDescription!).ToList();
        return false;
    }

    public void Fire(TTrigger trigger)
    {
        var source = State;
        var candidates = Candidates(trigger);
        var transition = candidates.FirstOrDefault(t => t.GuardHolds());
        if (transition is null)
        {
            if (candidates.Count == 0)
            {
                throw new InvalidOperationException(
                    $"No valid leaving transitions are permitted from state '{source}' for trigger '{trigger}'.");
            }
            var reasons = string.Join(", ", candidates.Select(t => $"'{t.GuardDescription}'"));
            throw new InvalidOperationException(
                $"Trigger '{trigger}' is valid for transition from state '{source}' but a guard condition is not met. Guard descriptions: {reasons}.");
        }
        _stateMutator(transition.Destination);
        if (_states.TryGetValue(transition.Destination, out var destination))
        {
            foreach (var action in destination.EntryActions)
            {
                action(new Transition(source, transition.Destination, trigger));
            }
        }
    }

    private List<TransitionDefinition> Candidates(TTrigger trigger) =>
        _states.TryGetValue(State, out var configuration)
            ? configuration.Transitions.Where(t => EqualityComparer<TTrigger>.Default.Equals(t.Trigger, trigger)).ToList()
            : [];

    /// <summary>The machine as a Graphviz DOT digraph, in declaration order.</summary>
    public string ToDotGraph()
    {
        var dot = new StringBuilder();
        dot.Append("digraph {\n  rankdir=\"LR\"\n  node [shape=Mrecord]\n");
        foreach (var state in _states.Keys)
        {
            dot.Append($"  \"{state}\" [label=\"{state}\"];\n");
        }
        foreach (var (source, configuration) in _states)
        {
            foreach (var t in configuration.Transitions)
            {
                var label = t.GuardDescription is null ? t.Trigger.ToString() : $"{t.Trigger} [{t.GuardDescription}]";
                dot.Append($"  \"{source}\" -> \"{t.Destination}\" [label=\"{label}\"];\n");
            }
        }
        dot.Append("}\n");
        return dot.ToString();
    }

    /// <summary>The machine as a Mermaid state diagram (GitHub renders it in the README).</summary>
    public string ToMermaid(TState initial)
    {
        var mermaid = new StringBuilder();
        mermaid.Append("stateDiagram-v2\n");
        mermaid.Append($"    [*] --> {initial}\n");
        foreach (var (source, configuration) in _states)
        {
            foreach (var t in configuration.Transitions)
            {
                var label = t.GuardDescription is null ? t.Trigger.ToString() : $"{t.Trigger} (if {t.GuardDescription})";
                mermaid.Append($"    {source} --> {t.Destination} : {label}\n");
            }
        }
        return mermaid.ToString();
    }

    public readonly record struct Transition(TState Source, TState Destination, TTrigger Trigger);

    public sealed class StateConfiguration
    {
        internal StateConfiguration(TState state) => State = state;

        public TState State { get; }
        internal List<TransitionDefinition> Transitions { get; } = [];
        internal List<Action<Transition>> EntryActions { get; } = [];

        public StateConfiguration Permit(TTrigger trigger, TState destination)
        {
            Transitions.Add(new TransitionDefinition(trigger, destination, null, null));
            return this;
        }

        public StateConfiguration PermitIf(TTrigger trigger, TState destination, Func<bool> guard, string guardDescription)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(guardDescription);
            Transitions.Add(new TransitionDefinition(trigger, destination, guard, guardDescription));
            return this;
        }

        public StateConfiguration OnEntry(Action<Transition> action)
        {
            EntryActions.Add(action);
            return this;
        }
    }

    internal sealed record TransitionDefinition(TTrigger Trigger, TState Destination, Func<bool>? Guard, string? GuardDescription)
    {
        public bool GuardHolds() => Guard is null || Guard();
    }
}
