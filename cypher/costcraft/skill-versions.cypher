// The versions of a skill, newest first, with the text and the diff from the version before.
MATCH (:Skill {projectId: $projectId, name: $skill})-[:HAS_VERSION]->(v:SkillVersion)
OPTIONAL MATCH (v)-[:PREVIOUS]->(prev:SkillVersion)
RETURN properties(v) AS version, prev.id AS previousId
ORDER BY v.number DESC
LIMIT $limit
