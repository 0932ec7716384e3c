"""Private conversations between members: a few people, their messages in order, each
member's own place in it (read up to, muted, left), and the newcomer shield."""
