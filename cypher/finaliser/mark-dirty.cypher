// Marks sessions dirty after a batch of their spans was written (the last write of an ingest
// request or import batch, so a finaliser that claims the session afterwards sees every span).
// Each mark writes a fresh random token without reading anything first, so two concurrent marks
// cannot lose an update: a finaliser that claimed the session before this mark sees a different
// token at release and leaves the session pending. `pendingSince` keeps the oldest unfinalised
// acknowledgement, for freshness figures. The writer sets the coalescing window, so every
// finaliser (any engine process) respects it: not before `finaliseAfter` (more of the burst may
// come), but no later than `finaliseBy` once the first unfinalised write is that old.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
SET s.dirtyToken = randomUUID(), s.pending = true, s.pendingSince = coalesce(s.pendingSince, $now), s.dirtyAt = $now,
    s.finaliseAfter = $now + $settleMs, s.finaliseBy = coalesce(s.finaliseBy, $now + $maxWaitMs)
RETURN count(s) AS marked
