"""Ajfar Desk: the front office of a Saudi non-profit association, offline and Arabic first."""

__version__ = "0.1.0"
