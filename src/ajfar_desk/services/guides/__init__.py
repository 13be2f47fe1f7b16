"""The employee's tools: the association's library of documents and guides."""
