// Sessions by id (DataLoader batch), within one project.
UNWIND $ids AS id
MATCH (s:Session {projectId: $projectId, id: id})
RETURN s {.*} AS session
