"""Small reusable pieces the forms share: sections with inline field errors, notices,
and combo boxes that hold codes behind readable labels."""
