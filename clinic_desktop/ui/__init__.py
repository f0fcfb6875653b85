"""The Qt widgets front end: windows, dialogs, table models. No SQL and no rules here.

Every service call goes through ``ui.operations`` (off the GUI thread), every modal prompt
through ``ui.dialogs``, and every failure through ``ui.errors``.
"""
