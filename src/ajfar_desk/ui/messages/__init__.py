"""Messages to applicants: the managers' outbox screen."""
