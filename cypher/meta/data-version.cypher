// Nothing to read: the transaction is run for the bookmark the server returns when it commits,
// which names the database's last committed transaction (Graph.dataVersion).
RETURN 1 AS ok
