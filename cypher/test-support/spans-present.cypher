// Which of the given span ids are stored in the project, and the largest span cost there (the
// hostile-input tests check that valid records beside hostile ones land, and no absurd cost does).
UNWIND $ids AS id
OPTIONAL MATCH (sp:Span {projectId: $projectId, id: id})
WITH collect(sp.id) AS found
CALL () {
  MATCH (sp:Span {projectId: $projectId})
  RETURN max(sp.costUsd) AS maxCostUsd, count(sp) AS spans
}
RETURN found, maxCostUsd, spans
