"""Pure rules of the clinic: no Qt, no SQL, no I/O beyond reading resource files.

Everything here is a function of its arguments (the clock is passed in), so it can be
tested exhaustively and reused by the services, the forms and the sync exporter.
"""
