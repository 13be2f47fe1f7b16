"""Backups and restore from the window (administrators)."""
