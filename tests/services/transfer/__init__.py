"""Tests of transfer. Import and export of applicants: spreadsheets read and written."""
