"""Tests of backups: made, listed and restored from the window, administrators only."""
