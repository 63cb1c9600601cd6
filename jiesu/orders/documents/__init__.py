"""Printable documents of an order, built from its events and deadlines: reads, never writes to the
order itself (an unmasked read of personal data is still logged, as everywhere)."""
