"""The store: opening it, its context and change bus, backups, output files, health."""
