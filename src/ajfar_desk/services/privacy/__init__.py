"""Data protection: a person's export and anonymisation."""
