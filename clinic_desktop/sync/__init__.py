"""De-identified, signed, encrypted batches for the district, and the receiving side."""
