using Chorus.Orchestration;
using Microsoft.Extensions.DependencyInjection;

namespace Chorus.Engine.TestWorker.Orchestrations;

/// <summary>Registers every sample orchestrator and activity used by the engine tests and benchmarks.</summary>
public static class SampleOrchestrations
{
    public static IServiceCollection AddSampleOrchestrations(this IServiceCollection services) => services
        .AddOrchestrator<SequenceOrchestrator>()
        .AddOrchestrator<FanOutOrchestrator>()
        .AddOrchestrator<WaitForEventOrchestrator>()
        .AddOrchestrator<EventLoopOrchestrator>()
        .AddOrchestrator<TimeoutThenWaitOrchestrator>()
        .AddOrchestrator<ReminderOrchestrator>()
        .AddOrchestrator<TimerOrchestrator>()
        .AddOrchestrator<RetryOrchestrator>()
        .AddOrchestrator<CatchFailureOrchestrator>()
        .AddOrchestrator<ParentOrchestrator>()
        .AddOrchestrator<CounterOrchestrator>()
        .AddOrchestrator<CustomStatusOrchestrator>()
        .AddOrchestrator<GuidOrchestrator>()
        .AddOrchestrator<UnknownActivityOrchestrator>()
        .AddOrchestrator<SwitchingOrchestrator>()
        .AddOrchestrator<ForgottenTimerOrchestrator>()
        .AddActivity<EchoActivity>()
        .AddActivity<SlowEchoActivity>()
        .AddActivity<FlakyActivity>()
        .AddActivity<ThrowingActivity>();
}
