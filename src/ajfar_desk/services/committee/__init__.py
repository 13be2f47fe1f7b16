"""The social researcher's study and the research committee: meetings and decisions."""
