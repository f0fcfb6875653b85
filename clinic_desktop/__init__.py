"""clinic_desktop: an offline, encrypted clinical record for school-based health centers.

Layers (dependencies point down): ``ui`` -> ``services`` -> ``domain`` / ``store``;
``forms`` and ``sync`` build on ``domain`` and ``store``. Only ``ui`` imports Qt.
"""

__version__ = "0.1.0"
