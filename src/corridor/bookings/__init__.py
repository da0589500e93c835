"""Bookings: the PNR-like model, readers with rejects, and synthetic 2021 bookings."""
