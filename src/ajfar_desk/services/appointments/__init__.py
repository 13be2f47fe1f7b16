"""Appointments: booking a time for an applicant with an employee, the day list, reminders."""
