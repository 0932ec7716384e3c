"""Boards, threads and posts: where members write and read."""
