// Records that the schema of this version was applied (read by /readyz).
MERGE (v:SchemaVersion {id: 'clawtrace'})
SET v.version = $version, v.appliedAt = toString(datetime())
