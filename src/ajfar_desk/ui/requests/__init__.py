"""Support requests: drafts, the documents checklist, submission, steps, delivery, overdue."""
