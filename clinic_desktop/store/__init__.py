"""The encrypted store: SQLCipher engine, models, migrations, key slots, audit chain."""
