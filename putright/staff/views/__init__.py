"""Back-office views: each parses input and makes one domain call (or one read)."""
