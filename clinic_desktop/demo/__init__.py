"""The demo clinic: made-up students, a year of visits and care, played through the real
services so that ``make run`` has something to show (``clinic-admin demo``).

Its own package, above ``services``: ``data`` and ``care_plan`` draw the clinic as pure
data (seeded, deterministic), ``care`` and ``site`` write it through the services.
"""
