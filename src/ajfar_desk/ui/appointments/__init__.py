"""Appointments: the day list of the desk and the booking dialog."""
