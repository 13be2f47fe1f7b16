"""User accounts, first set-up and the audit log with its signed anchors."""
