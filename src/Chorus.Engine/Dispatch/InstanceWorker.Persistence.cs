using Azure;
using Chorus.Engine.History;
using Chorus.Engine.Replay;
using Chorus.Engine.Storage;
using Chorus.Orchestration;

namespace Chorus.Engine.Dispatch;

/// <summary>The worker's dealings with storage: claiming, writing turns, recovering after a conflict or a crash.</summary>
internal sealed partial class InstanceWorker
{
    /// <summary>
    /// Loads the instance and claims it for this worker, unless another live worker holds it. A claim restarts
    /// whatever a previous owner left running: activities without results, children not yet created, timers.
    /// </summary>
    private async Task<bool> LoadAndClaimAsync(CancellationToken stopping)
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            bool seeded = _seed is not null;
            InstanceState? state = _seed ?? await _engine.Store.LoadAsync(InstanceId, stopping).ConfigureAwait(false);
            _seed = null;
            if (state is null)
            {
                return false;
            }

            if (state.Status.IsTerminal())
            {
                // Messages to a finished instance can never be applied.
                await foreach (string blob in _engine.Store.ListInboxAsync(InstanceId, stopping).ConfigureAwait(false))
                {
                    await _engine.Store.DeleteInboxAsync(blob, stopping).ConfigureAwait(false);
                }

                return false;
            }

            DateTime now = Now;
            if (state.Owner is not null && state.Owner != Options.WorkerId && state.OwnerUntil > now)
            {
                _engine.SkipUntil(InstanceId, state.OwnerUntil);
                return false;
            }

            // A fresh claim of our own (the creator writes one) needs no second write.
            if (state.Owner != Options.WorkerId || state.OwnerUntil - now < Options.OwnershipDuration / 2)
            {
                InstanceRecord claim = new() { At = now, Owner = Options.WorkerId, OwnerUntil = now + Options.OwnershipDuration };
                ETag? etag = await _engine.Store.AppendAsync(InstanceId, claim, state.ETag, stopping).ConfigureAwait(false);
                if (etag is null)
                {
                    continue; // Someone wrote in between: look again.
                }

                state.Apply(claim);
                state.ETag = etag.Value;
            }

            _state = state;
            _active = true;
            Recover(state, checkInbox: !seeded);
            return true;
        }

        return false;
    }

    private void Recover(InstanceState state, bool checkInbox)
    {
        Dictionary<int, HistoryEvent> scheduled = [];
        HashSet<int> done = [];
        foreach (HistoryEvent e in state.History)
        {
            switch (e)
            {
                case TaskScheduled or TimerCreated or SubOrchestrationInstanceCreated:
                    scheduled[e.TaskId] = e;
                    break;
                case TaskCompleted c: done.Add(c.TaskScheduledId); break;
                case TaskFailed f: done.Add(f.TaskScheduledId); break;
                case TimerFired t: done.Add(t.TimerId); break;
                case SubOrchestrationInstanceCompleted c: done.Add(c.TaskScheduledId); break;
                case SubOrchestrationInstanceFailed f: done.Add(f.TaskScheduledId); break;
                default: break;
            }
        }

        foreach ((int id, HistoryEvent e) in scheduled.Where(kv => !done.Contains(kv.Key)))
        {
            switch (e)
            {
                case TaskScheduled task:
                    Dispatch(id, task.Name, task.Input);
                    break;
                case TimerCreated timer:
                    // Cancelled timers are not in history; one that fires anyway is ignored by the orchestrator.
                    Arm(id, timer.FireAt);
                    break;
                case SubOrchestrationInstanceCreated child:
                    _pendingChildren.Add(new PendingAction(id, ActionKind.SubOrchestration, child.Name) { Input = child.Input, SubInstanceId = child.InstanceId });
                    break;
                default:
                    break;
            }
        }

        if (state.History.Count == 0)
        {
            DateTime startAt = state.Started.ScheduledStartTime ?? DateTime.MinValue;
            int epoch = _epoch;
            TimeSpan due = startAt - Now;
            if (due <= TimeSpan.Zero)
            {
                TryPost(new StartDue(epoch));
            }
            else
            {
                _timers[-1] = _engine.Time.CreateTimer(_ => TryPost(new StartDue(epoch)), null, due, Timeout.InfiniteTimeSpan);
            }
        }

        if (checkInbox)
        {
            TryPost(new CheckInbox());
        }

        if (_pendingChildren.Count > 0)
        {
            TryPost(new FlushDue());
        }
    }

    /// <summary>
    /// Writes buffered turns in one append. Outbound first, then the checkpoint, then cleanup: a crash in between
    /// repeats work (deduplicated by id) and never loses it.
    /// </summary>
    private async Task FlushAsync(CancellationToken stopping)
    {
        InstanceState state = _state!;
        DateTime now = Now;
        bool renew = state.OwnerUntil - now < Options.OwnershipDuration / 3;
        bool hasRecord = _unflushed.Count > 0 || _pendingCustomStatus.Set || _pendingConsumed.Count > 0 || _recreateWith is not null || renew;
        if (hasRecord)
        {
            if (state.Completion is { } completion && _unflushed.Contains(completion) && state.Started.Parent is { } parent)
            {
                await NotifyParentAsync(parent, completion, stopping).ConfigureAwait(false);
            }

            InstanceRecord record = new()
            {
                At = now,
                Start = _recreateWith,
                Events = [.. _unflushed],
                Owner = Options.WorkerId,
                OwnerUntil = now + Options.OwnershipDuration,
                CustomStatusSet = _pendingCustomStatus.Set,
                CustomStatus = _pendingCustomStatus.Value,
                Consumed = _pendingConsumed.Count > 0 ? [.. _pendingConsumed] : null,
            };
            ETag? etag = _recreateWith is not null
                ? await _engine.Store.CreateAsync(InstanceId, record, TagsFor(state), state.ETag, stopping).ConfigureAwait(false)
                : await _engine.Store.AppendAsync(InstanceId, record, state.ETag, stopping).ConfigureAwait(false);
            if (etag is null)
            {
                await RecoverFromConflictAsync(stopping).ConfigureAwait(false);
                return;
            }

            if (_recreateWith is not null)
            {
                _writtenTags = TagsFor(state);
            }

            state.ETag = etag.Value;
            state.Owner = record.Owner;
            state.OwnerUntil = record.OwnerUntil;
            foreach (string id in _pendingConsumed)
            {
                state.Consumed.Add(id);
            }

            _unflushed.Clear();
            _pendingConsumed.Clear();
            _pendingCustomStatus = default;
            _recreateWith = null;
        }

        foreach (LocalMessage local in _pendingLocal)
        {
            local.Ack.TrySetResult();
        }

        _pendingLocal.Clear();
        foreach (string blob in _pendingInboxBlobs)
        {
            await _engine.Store.DeleteInboxAsync(blob, stopping).ConfigureAwait(false);
            _inboxSeen.Remove(blob);
        }

        _pendingInboxBlobs.Clear();
        foreach (PendingAction child in _pendingChildren)
        {
            await _engine.StartChildAsync(this, state, child, _epoch, stopping).ConfigureAwait(false);
        }

        _pendingChildren.Clear();
        if (state.Status.IsTerminal())
        {
            await FlushTagsAsync(stopping).ConfigureAwait(false);
            _engine.NotifyCompleted(InstanceId);
            _state = null;
        }
    }

    private async Task NotifyParentAsync(ParentInstance parent, ExecutionCompleted completion, CancellationToken stopping)
    {
        InboxMessage message = new($"sub:{InstanceId}:{_state!.Started.ExecutionId}", completion.Status == OrchestrationRuntimeStatus.Completed ? InboxMessageKind.SubOrchestrationCompleted : InboxMessageKind.SubOrchestrationFailed, Now)
        {
            TaskId = parent.TaskId,
            ExecutionId = parent.ExecutionId,
            Payload = completion.Result,
            Failure = completion.Failure,
        };
        await _engine.Store.WriteInboxAsync(parent.InstanceId, message, stopping).ConfigureAwait(false);
        _engine.NotifyInbox(parent.InstanceId);
    }

    /// <summary>Someone else wrote the instance: drop what is only in memory and start again from storage.</summary>
    private async Task RecoverFromConflictAsync(CancellationToken stopping)
    {
        LeaveExecution();
        _unflushed.Clear();
        _pendingConsumed.Clear();
        _pendingCustomStatus = default;
        _pendingChildren.Clear();
        _pendingInboxBlobs.Clear();
        _inboxSeen.Clear();
        _recreateWith = null;
        _flushTimer?.Dispose();
        _flushTimer = null;
        await DivertLocalMessagesAsync(stopping).ConfigureAwait(false);
        _active = false;
        _state = null;
        if (!await LoadAndClaimAsync(stopping).ConfigureAwait(false))
        {
            _state = null;
        }
    }

    /// <summary>Local messages not yet written go to the inbox, which is durable, before they are acknowledged.</summary>
    private async Task DivertLocalMessagesAsync(CancellationToken stopping)
    {
        foreach (LocalMessage local in _pendingLocal)
        {
            await _engine.Store.WriteInboxAsync(InstanceId, local.Message, stopping).ConfigureAwait(false);
            local.Ack.TrySetResult();
        }

        _pendingLocal.Clear();
    }

    /// <summary>Updates the index tags when they changed in a way the poller or a query needs to see.</summary>
    private async Task FlushTagsAsync(CancellationToken stopping)
    {
        if (_state is not { } state)
        {
            return;
        }

        InstanceTags tags = TagsFor(state);
        if (tags != _writtenTags)
        {
            await _engine.Store.SetTagsAsync(InstanceId, tags, stopping).ConfigureAwait(false);
            _writtenTags = tags;
        }
    }

    private InstanceTags TagsFor(InstanceState state)
    {
        DateTime wake = state.Status.IsTerminal()
            ? InstanceTags.Never
            : _inFlight.Count > 0 || _pendingChildren.Count > 0 || state.History.Count == 0 && state.Started.ScheduledStartTime is null
                ? state.OwnerUntil
                : state.History.Count == 0 ? state.Started.ScheduledStartTime!.Value
                : _timers.Count > 0 ? NextTimer(state) : InstanceTags.Never;
        return new InstanceTags(state.Started.Name, state.Status, state.Started.CreatedAt, wake);
    }

    private DateTime NextTimer(InstanceState state)
    {
        DateTime next = InstanceTags.Never;
        foreach (HistoryEvent e in state.History)
        {
            if (e is TimerCreated timer && _timers.ContainsKey(timer.TaskId) && timer.FireAt < next)
            {
                next = timer.FireAt;
            }
        }

        return next;
    }

    private async Task ShutDownAsync()
    {
        _active = false;
        _engine.Remove(this);
        _work.Writer.TryComplete();
        _flushTimer?.Dispose();
        foreach (ITimer timer in _timers.Values)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        _timers.Clear();
        try
        {
            // Anything posted too late for this worker: local messages must not be lost, so they go to storage.
            while (_work.Reader.TryRead(out WorkItem? item))
            {
                if (item is LocalMessage local)
                {
                    _pendingLocal.Add(local);
                }
            }

            await DivertLocalMessagesAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            foreach (LocalMessage local in _pendingLocal)
            {
                local.Ack.TrySetException(ex);
            }
        }
    }
}
