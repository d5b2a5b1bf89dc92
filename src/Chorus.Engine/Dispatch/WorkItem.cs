using Chorus.Engine.History;
using Chorus.Engine.Storage;

namespace Chorus.Engine.Dispatch;

/// <summary>Something an instance's worker has to take into account on its next turn.</summary>
internal abstract record WorkItem;

/// <summary>An activity finished or failed (or a child could not be started) for the execution <paramref name="Epoch"/>.</summary>
internal sealed record ActivityDone(int Epoch, HistoryEvent Result) : WorkItem;

/// <summary>A durable timer's time has come.</summary>
internal sealed record TimerDue(int Epoch, int TimerId, DateTime FireAt) : WorkItem;

/// <summary>A message sent from this process; <paramref name="Ack"/> completes once it is durably applied or stored.</summary>
internal sealed record LocalMessage(InboxMessage Message, TaskCompletionSource Ack) : WorkItem;

/// <summary>Inbox blobs may be waiting for the instance.</summary>
internal sealed record CheckInbox : WorkItem;

/// <summary>Start the first turn (the instance was created, or its delayed start came).</summary>
internal sealed record StartDue(int Epoch) : WorkItem;

/// <summary>Buffered turns have waited long enough: write them.</summary>
internal sealed record FlushDue : WorkItem;
