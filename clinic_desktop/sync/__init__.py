"""De-identified, signed, encrypted batches for the district, and the receiving side.

Site side: ``source`` reads the store (named columns only), ``domain.deidentify`` keeps
codes only, ``fhir`` shapes resources, ``export`` orders them, ``batch`` packages them
(ustar via ``archive``, signed manifest) and encrypts them with age as they stream;
``services.sync`` owns the transaction, the watermark and the audit row.
District side: ``keys`` (key pair, trust folder), ``verify``, ``warehouse`` (import into a
plain SQLite database) and ``report``; ``measures`` defines the suppressed counts for both.
The format is documented in ``docs/batch-format.md``.
"""
