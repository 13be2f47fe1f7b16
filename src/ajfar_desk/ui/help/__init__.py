"""Help: the About dialog, the receptionist's guide and the Help menu that opens them."""
