"""Enquiries: every contact that is not yet a request, by any channel."""
