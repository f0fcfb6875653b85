"""Benchmarks of clinic_desktop (see run.py); not part of the installed package."""
