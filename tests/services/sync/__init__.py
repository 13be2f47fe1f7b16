"""Tests of sync. Exchanges between the association's nodes: bundles, enrolment, merging, review."""
