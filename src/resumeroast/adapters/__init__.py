"""Adapters: I/O behind small interfaces; vendor errors are translated here."""
