"""Sentence templates for the demo content: opening posts by topic, quotes and lists."""

# First sentences, a little different for each kind of thread.
OPENERS: dict[str, tuple[str, ...]] = {
    "welcome": (
        "Hi everyone.", "Hello all.", "First post here, so please bear with me.",
        "I've been reading this forum for weeks and finally made an account.",
        "Not sure how this works, but here goes.",
    ),
    "share": (
        "Not sure where else to put this.", "This is a long one, sorry.",
        "I wanted to write this down somewhere people would understand.",
        "Some of you asked how I was doing, so here's an update.", "Quick one today.",
    ),
    "ask": (
        "I have a question for the people further along than me.",
        "Looking for ideas, because mine have run out.", "Curious how others handle this.",
    ),
    "chat": ("Lighter thread for a change.", "Happy {weekday}, everyone.", "Right then."),
}  # fmt: skip

LINES: dict[str, tuple[str, ...]] = {
    "intro": (
        "I'm in my forties and I've been {habit} in one way or another since I was a teenager.",
        "Nobody in my life knows I'm here yet, and that feels both scary and freeing.",
        "I'm {days} days in and most of those days have been hard.",
        "I went to {meeting} last week and sat at the back without saying anything.",
        "I came here because {person} found this place and sent me the link.",
        "I'm not great at talking about this out loud, so writing it feels easier.",
        "I've tried to stop a few times before, but this time I'm asking for help.",
        "Reading your posts at night has kept me company more than you know.",
        "I'm a bit {feeling} today, but glad to finally say hello.",
        "I don't really know what I'm hoping for, maybe just to not feel so alone with it.",
        "I work long shifts and evenings have always been the dangerous part of the day.",
    ),
    "first_week": (
        "The first week has been strange: everything feels louder and slower at the same time.",
        "I didn't expect the boredom, honestly. The evenings are enormous without {habit}.",
        "Sleep is patchy and my appetite has gone a bit odd.",
        "I've been {coping} whenever the restlessness gets too much.",
        "Day {days} and I keep counting hours as well as days.",
        "I told {person}, and they were kinder about it than I deserved.",
        "My GP has been checking in, which helps more than I thought it would.",
        "Everyone says the first week is the hardest, and I really hope they're right.",
        "I threw out everything in the house {time}, and I felt lighter afterwards.",
        "Small things feel like big wins: I made breakfast and ate it sitting down.",
    ),
    "story": (
        "For years {habit} was how I dealt with everything, good days and bad ones.",
        "I was very good at hiding it, which in the end made everything worse.",
        "The turning point wasn't dramatic. I just woke up one morning and couldn't face another "
        "day like it.",
        "I lost a job, a few friendships and most of my self-respect along the way.",
        "{person} was the one who finally said out loud what everyone had been thinking.",
        "My first meeting was terrifying, and the tea was terrible, and I went back the next week "
        "anyway.",
        "It took me a long time to believe that people actually meant it when they said they'd "
        "help.",
        "These days {change}, and I don't take that for granted.",
        "I still have bad days, but they don't run the show any more.",
        "What helped most was having people I could be honest with, without getting a lecture.",
        "I'm writing this for whoever is where I was, reading at two in the morning.",
        "Recovery hasn't been a straight line for me, and I've made peace with that.",
    ),
    "relapse": (
        "I had a relapse after {years} and I'm still a bit stunned by how fast it happened.",
        "The shame was the worst part, worse than the hangover by a long way.",
        "I didn't post for a while because I felt like I'd let everyone here down.",
        "Looking back, I'd stopped {coping} and stopped going to meetings weeks before.",
        "{helper} reminded me that the years before the slip still count.",
        "I'm back at day {days}, but I know a lot more than I did at my first day one.",
        "Starting again is humbling, and it's also the only thing that makes sense.",
        "If you've slipped and you're reading this, please come back. Nobody here will judge you.",
        "I'm writing my plan down this time, including who I'll call and when.",
    ),
    "withdrawal": (
        "The withdrawal shakes were worst on the second and third day.",
        "I'm glad I spoke to my doctor before stopping; they kept an eye on me all week.",
        "Please get medical advice for withdrawal if you can. It can be serious, and you deserve "
        "support.",
        "Night sweats, no appetite and a head full of static, but it did ease off.",
        "A nurse at the clinic was so kind to me that I nearly cried in the waiting room.",
        "I spent most of that week on the sofa watching old films with {person}.",
        "By the end of the second week I could hold a cup of tea without spilling it.",
        "The anxiety hung around longer than the physical stuff did.",
    ),
    "milestone": (
        "It's {milestone} today and I wanted to share it with people who understand what it means.",
        "I honestly didn't think I'd get to {milestone}.",
        "These days {change}.",
        "A year ago I couldn't have imagined a {weekday} like this one.",
        "I celebrated with {drink} and an early night, and it was perfect.",
        "{person} made me a card, which I'm not ashamed to say made me cry.",
        "There were some hard days in there, especially around {trigger}.",
        "What got me here was mostly {coping}, {meeting} and this forum.",
        "I'm not counting down to anything, just grateful for today.",
        "To anyone on day one: I was you, and it does get easier.",
        "I feel {good_feeling}, which is a word I never used to use about myself.",
    ),
    "cravings": (
        "The cravings hit hard {time}, completely out of nowhere.",
        "I think it was {trigger} that set it off, though I didn't notice at the time.",
        "I'm {feeling} and my brain keeps telling me that just one won't matter.",
        "I didn't give in, but it was closer than I'd like.",
        "I keep reminding myself that a craving always passes, even when it doesn't feel like it.",
        "Evenings are the worst, especially {weekday} evenings.",
        "I drove past {place} twice before going home instead.",
        "I know the craving is lying to me, but it's a very convincing liar.",
        "Writing this instead of doing something I'd regret.",
        "Does anyone else find the cravings come back when things are going well?",
    ),
    "coping": (
        "What worked tonight was {coping}, then {coping2}.",
        "I've started checking HALT: am I hungry, angry, lonely or tired? Usually it's two of "
        "them.",
        "Urge surfing sounded silly to me at first: notice the craving, watch it rise and fall, "
        "don't act on it. It works more often than not.",
        "I keep a list on my phone of things to do in the first ten minutes of a craving.",
        "Tea has become a bit of a ritual. The kettle, the mug, the waiting; it gives my hands "
        "something to do.",
        "Journaling helps when I can't say things out loud. Even three lines is enough.",
        "A walk round the block doesn't fix anything, but I've never come back worse.",
        "Calling {helper} felt awkward the first time and normal by the fifth.",
        "I try to play the tape forward: not the first drink, the next morning.",
        "If I'm honest, eating properly makes a huge difference and I keep forgetting.",
    ),
    "family": (
        "{person} has been amazing, but I can tell they're still waiting for me to slip.",
        "I understand why trust takes time. It's just hard being patient with it.",
        "Family events are tricky because everyone else is drinking and nobody quite knows what "
        "to say.",
        "I've started bringing my own {drink} to gatherings, which saves the awkward questions.",
        "Telling {person} was the hardest conversation I've had in years.",
        "They didn't say much at first, then hugged me for a long time.",
        "A friend keeps offering me a drink as a joke, and I'm tired of laughing it off.",
        "We've agreed that I'll tell them if I'm struggling, and they won't panic when I do.",
        "I had to step back from a couple of old friends, which felt lonely but necessary.",
        "{person} came to an open meeting with me and said it helped them understand.",
        "Making amends isn't one big speech, it's turning up on time, again and again.",
    ),
    "carer": (
        "I'm the partner in this story, and some days I don't know how to help without hovering.",
        "{person} is {days} days sober and I'm so proud, and so scared.",
        "I keep checking on them, and I hate that I do.",
        "I've started going to a group for families, which helps more than I expected.",
        "I never know whether to mention it or just act normal.",
        "A counsellor told me I can't do their recovery for them, only look after my own part.",
        "Some evenings I'm {feeling} for no reason I can name.",
        "I've been {coping} myself, which sounds odd, but I need it too.",
        "We used to argue about it constantly, and now we talk, which is new for both of us.",
        "I'm learning to say how I feel without making it into an accusation.",
    ),
    "resources": (
        "I've found {resource} really useful, especially in the early weeks.",
        "{meeting} near me has a newcomers' table, which made the first visit much less scary.",
        "Online meetings have been a lifesaver on nights when I can't face going out.",
        "If you're not sure where to start, {resource} is a gentle first step.",
        "I'm not saying any one group is right for everybody, just what worked for me.",
        "Your GP or a local drug and alcohol service can tell you what's available nearby.",
        "Libraries often have a shelf of recovery books you can borrow quietly.",
        "The best tool I have is still {coping}, and that one's free.",
        "I tried a few counting apps and ended up with a paper calendar and a pen.",
        "If anyone knows of meetings in the early morning, I'd love to hear about them.",
    ),
    "lounge": (
        "I {small_win} today and I'm counting it as a win.",
        "Has anyone else got into {hobby}? I started a few months ago and I'm hooked.",
        "Made {food} this weekend and actually remembered eating it.",
        "Current favourite drink is {drink}, no regrets.",
        "I'm enjoying {season} more than I have in years.",
        "Went out on a walk {time} and saw a heron on the canal, which felt like a good sign.",
        "Tell me something good that happened this week, however small.",
        "My weekend plan is {hobby}, a long lunch and an early night.",
        "I laughed so hard at a film last night that I scared the cat.",
        "Sober Saturdays turned out to be a lot more fun than I expected.",
    ),
}  # fmt: skip

# Sentences that fit any thread, used when a topic's own lines run out.
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
    "I used to think recovery was about willpower. Now I think it's about not doing it alone.",
    "It's strange how much of my old life was arranged around {habit}.",
)  # fmt: skip

CLOSERS = (
    "Thanks for reading.", "Thanks for being here.", "Anyway, that's where I'm at.",
    "Any thoughts welcome.", "Sending strength to anyone who needs it today.",
    "Onwards.", "Thank you all.", "One day at a time.",
)  # fmt: skip

QUOTE_INTROS = (
    "Something {helper} said has stuck with me:", "I wrote this on a sticky note on my mirror:",
    "Someone at {meeting} said this, and I think about it a lot:",
)  # fmt: skip
QUOTES = (
    "The craving ends whether you act on it or not.",
    "You don't have to feel ready to start. You just have to start.",
    "One hour at a time still counts as time.",
    "Slow progress is still progress.",
    "Notice it, name it, let it pass.",
    "A bad day sober is still a better day.",
    "The kettle takes three minutes to boil, and so can the worst of a craving.",
)  # fmt: skip

# Lists: an introducing line and the slot its items come from.
LISTS: dict[str, tuple[tuple[str, ...], str]] = {
    "coping": (("What helps me, roughly in order:", "My list for bad evenings:"), "coping"),
    "cravings": (("What got me through:", "Things I tried tonight:"), "coping"),
    "first_week": (("What's helping so far:",), "coping"),
    "milestone": (("Some things I've noticed:", "What's changed:"), "change"),
    "resources": (("A few things that helped me:", "What I use:"), "resource"),
    "lounge": (("Small wins this week:",), "small_win"),
    "story": (("What made the difference:",), "coping"),
}  # fmt: skip
