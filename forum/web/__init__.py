"""What every blueprint shares: paging, links, one-button forms, guards, the page cache, limits."""
