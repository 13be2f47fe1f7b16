"""Tests of demo. Demonstration data."""
