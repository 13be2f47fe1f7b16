"""The association profile the store runs: its versions, import, export, check."""
