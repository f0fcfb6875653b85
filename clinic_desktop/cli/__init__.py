"""Command-line tools for IT and administrators (``clinic-admin``; ``clinic-sync`` later)."""
