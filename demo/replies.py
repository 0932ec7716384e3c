"""Sentence templates for demo replies, grouped by the kind of thread they answer."""

# Each group: how a reply may open, what it may say, how it may close, and how the
# thread's starter thanks the others.
REPLIES: dict[str, dict[str, tuple[str, ...]]] = {
    "support": {
        "open": (
            "Thank you for writing this.", "I really relate to this.",
            "Hey, good to hear from you.",
            "Oh, this hits close to home.", "First of all, well done for reaching out.",
        ),
        "lines": (
            "I remember feeling exactly like that in my first few weeks.",
            "What you're describing is so common, even if it feels like you're the only one.",
            "What helped me was {coping}. It sounds too simple, but it works.",
            "Have you tried urge surfing? Watching the craving without obeying it took practice, "
            "but it works for me.",
            "Try HALT next time: hungry, angry, lonely, tired. I'm usually at least one of those.",
            "{helper} told me to be gentle with myself, and I'm passing it on.",
            "A relapse doesn't wipe out what you learned. You're not starting from nothing.",
            "It took me {weeks} weeks before the evenings stopped feeling endless.",
            "The fact that you posted here instead of picking up says a lot.",
            "Please talk to a doctor about the withdrawal if you haven't yet; you deserve proper "
            "care.",
            "I'd also recommend {meeting}, they were very welcoming when I first went.",
            "The cravings still show up for me sometimes, but they're quieter and pass quicker.",
            "Make sure you get some rest and something decent to eat.",
            "For what it's worth, the first week was the worst part for me too.",
            "Sending strength your way tonight.", "Hang in there, it does pass.",
            "Same here. You're not alone in this.", "Saving this thread for the bad evenings.",
        ),
        "close": (
            "Keep us posted.", "We're here.", "Rooting for you.", "Message any time.",
            "Look after yourself tonight.", "Check in tomorrow?",
        ),
        "thanks": (
            "Thank you all, honestly. I read every reply twice.",
            "Update: I got through the night. Thanks for sitting with me.",
            "Going to try {coping} tonight, thanks for the idea.",
            "You lot are the best. I'll check in tomorrow.",
            "Thanks, everyone. Feeling a bit less alone with it now.",
        ),
    },
    "welcome": {
        "open": ("Welcome!", "Hello and welcome.", "Hi, and welcome to the forum."),
        "lines": (
            "You're in the right place.", "Glad you said hello.",
            "Take what helps from here and leave the rest.",
            "Reading for months before posting is exactly what I did too.",
            "The first post is the hardest one, so well done.",
            "There's a lot of good stuff in the cravings board for the evenings.",
            "It's completely fine to go at your own pace.",
            "What helped me early on was {coping}.",
            "Nobody here will judge you for anything you share.",
        ),
        "close": ("See you around.", "We're glad you're here.", "Keep us posted."),
        "thanks": (
            "Thank you for the warm welcome, everyone.",
            "I didn't expect such kind replies. Thank you.",
        ),
    },
    "milestone": {
        "open": ("Congratulations!", "Oh, well done!", "This is brilliant news."),
        "lines": (
            "What an achievement.", "Remember this feeling on the hard days.",
            "You've earned every single one of those days.",
            "I'm a few weeks behind you and this gives me real hope.",
            "Reading this on day {days} and it means a lot.",
            "Proud of you, stranger on the internet.",
            "The next milestone will come round quicker than you think.",
            "Treat yourself to something nice, you deserve it.",
            "It's lovely to see how far you've come since your first posts.",
        ),
        "close": ("Onwards!", "Here's to the next one.", "Keep going."),
        "thanks": (
            "Thank you all so much, I'm a bit teary reading these.",
            "Couldn't have got here without this place. Thank you.",
        ),
    },
    "family": {
        "open": (
            "Thank you for sharing this.", "I've been there.", "This is such a good question.",
        ),
        "lines": (
            "Trust comes back slowly, and then all at once. Keep showing up.",
            "Boundaries are a kindness, to them and to you.",
            "It sounds like they love you very much.",
            "My family took a long time too, and it was worth the wait.",
            "Bringing your own drink to parties is a great trick.",
            "For the partners reading: looking after yourself isn't selfish.",
            "You can't do someone else's recovery for them, and that's okay.",
            "There are groups for families too; one helped my wife a lot.",
            "You don't owe anyone an explanation for not drinking.",
            "Keep talking to each other, even when it's awkward.",
        ),
        "close": ("Wishing you both well.", "We're here for you too.", "Go gently."),
        "thanks": (
            "Thank you, this gives me a lot to think about.",
            "Really helpful, thank you all. I'll let you know how it goes.",
        ),
    },
    "resources": {
        "open": ("Thanks for sharing.", "Great thread.", "Useful list, thank you."),
        "lines": (
            "Adding this to my list.", "I've found {resource} helpful too.",
            "{meeting} near me has a friendly crowd, worth trying.",
            "Worth asking your GP what's available locally, they helped me find a group.",
            "I like that you said what worked for you rather than what everyone should do.",
            "Online meetings at odd hours saved me more than once.",
            "A paper notebook beats any app for me, honestly.",
            "Different things work for different people, so try a few.",
        ),
        "close": ("Good luck finding what fits.", "Happy reading.", "Thanks again."),
        "thanks": (
            "Thanks, I'll give those a try.", "Brilliant, this is exactly what I was after.",
        ),
    },
    "lounge": {
        "open": ("Love this thread.", "Ha, same!", "Oh, this made me smile."),
        "lines": (
            "Tea, always tea.", "Today I {small_win}, so I'm joining in.",
            "I've been getting into {hobby} lately.", "Currently obsessed with {drink}.",
            "This is my favourite corner of the forum.", "Enjoy it, you've earned it.",
            "My weekend involves {food} and a long walk.",
            "Small wins are still wins.", "The dog approves of my new early mornings.",
        ),
        "close": ("Have a good one.", "Enjoy the weekend.", "More of this please."),
        "thanks": ("Ha, love all these answers.", "This thread is making my day."),
    },
}  # fmt: skip

# Which reply group answers each topic of thread.
GROUP_OF_TOPIC = {
    "intro": "welcome", "first_week": "support", "story": "support", "relapse": "support",
    "withdrawal": "support", "cravings": "support", "coping": "support",
    "milestone": "milestone", "family": "family", "carer": "family",
    "resources": "resources", "lounge": "lounge",
}  # fmt: skip

# Said when a reply quotes an earlier post.
AGREE = (
    "This, exactly.", "Seconding this.", "Needed to read this today.", "So true.",
    "Yes, this is what worked for me too.", "Good point.",
)  # fmt: skip
