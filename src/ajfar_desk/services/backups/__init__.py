"""Backups from the window: the kept copies listed, one made now, a restore (administrators)."""
