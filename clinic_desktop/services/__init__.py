"""Use cases: the only way into the clinic's data.

A window, a CLI command and a test call the same function here. Each takes a signed-in
``ClinicSession`` first, checks the permission, runs in one transaction, appends the audit
row, and returns plain frozen dataclasses (never live ORM objects).
"""
