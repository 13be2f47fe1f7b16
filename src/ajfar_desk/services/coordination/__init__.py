"""A consortium of associations: coordination by private set intersection over files."""
