// Fires alerts exactly once. One row per rule state (a budget level and its session or period, or a
// rate/waste rule and its session) with the crossings found for it, oldest first. The state's write
// lock is taken before anything is read: two finalisers (two engine replicas) evaluating the same
// state run one after the other, and the second sees what the first fired. A crossing fires when no
// alert has its key yet and it comes at least `cooldownMs` (session clock) after the last crossing
// that fired for the state; the state remembers when that was.
UNWIND $states AS state
MERGE (st:AlertState {projectId: $projectId, key: state.key})
SET st.lock = true
REMOVE st.lock
WITH state, st
WITH state, st, [c IN state.crossings
                 WHERE (state.cooldownMs IS NULL OR st.lastAtMs IS NULL OR c.atMs >= st.lastAtMs + state.cooldownMs)
                   AND NOT EXISTS { MATCH (:Alert {projectId: $projectId, key: c.alert.key}) }] AS due
// Within one batch each crossing must come a cooldown after the previous one that fires.
WITH state, st, reduce(acc = [], c IN due |
       CASE WHEN state.cooldownMs IS NULL OR size(acc) = 0 OR c.atMs >= acc[-1].atMs + state.cooldownMs THEN acc + [c] ELSE acc END) AS firing
SET st.lastAtMs = CASE WHEN size(firing) = 0 THEN st.lastAtMs ELSE reduce(m = coalesce(st.lastAtMs, firing[0].atMs), c IN firing | CASE WHEN c.atMs > m THEN c.atMs ELSE m END) END,
    st.fired = coalesce(st.fired, 0) + size(firing)
WITH firing
UNWIND firing AS c
CREATE (al:Alert {projectId: $projectId, id: c.alert.id})
SET al += c.alert, al.firedAt = $firedAt, al.firedAtMs = $firedAtMs
RETURN al {.*} AS alert
