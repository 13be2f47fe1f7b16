"""Tests of the backups page, driven with the keyboard."""
