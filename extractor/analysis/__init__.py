"""Analysis of extracted reports: harmonised indicators, body keys, rates, the compare table."""
