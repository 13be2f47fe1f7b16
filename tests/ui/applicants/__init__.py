"""Tests of applicants. Applicants: registering and keeping them, their views, search, drafts and edit conflicts."""
