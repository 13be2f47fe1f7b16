"""Demonstration data."""
