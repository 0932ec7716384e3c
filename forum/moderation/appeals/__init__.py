"""Appeals: a member asks another moderator to look again at a decision against them."""
