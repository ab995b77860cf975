namespace DingGate.Agent.Sessions;

// What became of a message handed to the queue.
internal enum EnqueueResult
{
    // It runs now or after the turns ahead of it.
    Queued,

    // The session's queue was full: the sender got the busy reply.
    Busy,

    // The gateway is stopping: the reply was completed as interrupted, so it is answered after the restart.
    Interrupted,
}
