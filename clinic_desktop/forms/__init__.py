"""Printed forms (ReportLab): consent, release of information, referral and results letters,
return-to-class pass. Built from domain objects and the texts in ``resources/forms``."""
