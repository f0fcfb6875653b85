"""Qt item models over the plain records the services return."""
