"""Pure rules: no database, no Qt. Everything here is testable with plain values."""
