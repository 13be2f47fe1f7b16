"""Tests of shell. The application around the pages: start, sign-in, main window, page registry, operations."""
