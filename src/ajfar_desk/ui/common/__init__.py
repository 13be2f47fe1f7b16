"""Widgets, formatting and dialogs every room's screens share."""
