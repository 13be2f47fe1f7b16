"""Import and export of whole tables (CSV, XLSX) in the window."""
