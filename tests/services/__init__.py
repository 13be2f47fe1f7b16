"""Tests of the services, room by room."""
