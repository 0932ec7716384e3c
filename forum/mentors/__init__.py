"""Mentors: a member of regular trust offers to mentor, a member asks for one from My
recovery, and a pairing of the two lasts thirty days unless both renew it."""
