// The applied schema version and the server's own version, for /readyz.
OPTIONAL MATCH (v:SchemaVersion {id: 'clawtrace'})
CALL dbms.components() YIELD name, versions, edition
RETURN v.version AS schemaVersion, v.appliedAt AS appliedAt, name, versions[0] AS neo4jVersion, edition
