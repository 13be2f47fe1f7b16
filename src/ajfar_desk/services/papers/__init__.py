"""Printed papers: issuing, numbering, sealing, verifying; receipts and other languages."""
