"""What any board's posts may say once their own lines run out; quotations people pass on."""

GENERAL = (
    "One day at a time still sounds like a cliché to me, but it's how I get through.",
    "I'm learning that asking for help isn't the same as being weak.",
    "Some days are easier than others, and that's fine.",
    "This place has helped me more than I can say.",
    "I'm trying to be as patient with myself as I would be with a friend.",
    "Honestly I don't have it all figured out, but I'm further on than I was.",
    "I notice I'm {feeling} when I've skipped meals, which sounds obvious but wasn't to me.",
    "Sleep, food and people: when those three are right, everything else is easier.",
    "I went to {meeting} on {weekday} and came away feeling {good_feeling}.",
    "Reading other people's stories on here reminds me that I'm not the only one.",
    "I used to think recovery was about willpower; now I think it's about not doing it alone.",
    "It's strange how much of my old life was arranged around {habit}.",
    "I'm trying not to compare my progress with anyone else's.",
    "Progress for me looks like fewer bad evenings, not none.",
    "I've stopped waiting to feel ready and started doing the next small thing.",
    "The quiet moments are where I notice the change most.",
    "I still get it wrong sometimes, and the world doesn't end.",
    "Writing things down here makes them feel more real, in a good way.",
    "Some mornings I just sit with my tea and feel lucky.",
    "My counsellor says I'm allowed to be proud and worried at the same time.",
)  # fmt: skip

QUOTE_INTROS = (
    "Something {helper} said has stuck with me:", "I wrote this on a sticky note on my mirror:",
    "Someone at {meeting} said this, and I think about it a lot:",
    "A line I read on here months ago:", "What {helper} tells me on the bad days:",
)  # fmt: skip

QUOTES = (
    "The craving ends whether you act on it or not.",
    "You don't have to feel ready to start. You just have to start.",
    "One hour at a time still counts as time.",
    "Slow progress is still progress.",
    "Notice it, name it, let it pass.",
    "A bad day sober is still a better day.",
    "The kettle takes three minutes to boil, and so can the worst of a craving.",
    "You're not behind. You're on your own road.",
    "Be where your feet are.",
    "Nothing changes if nothing changes.",
)  # fmt: skip

# Said when a reply quotes an earlier post.
AGREE = (
    "This, exactly.", "Seconding this.", "Needed to read this today.", "So true.",
    "Yes, this is what worked for me too.", "Good point.", "This bit especially.",
    "I could have written this.", "Couldn't agree more.",
)  # fmt: skip
