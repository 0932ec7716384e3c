"""Full-text search over posts; the index follows the database and can be rebuilt at any time."""
