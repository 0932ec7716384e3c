"""The private journal on My recovery: dated entries that only their author reads."""
