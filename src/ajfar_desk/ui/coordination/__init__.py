"""The coordination between associations at the desk: the banner on a file, the manager's page."""
