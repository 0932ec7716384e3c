"""Cravings and coping: written in the moment, often late and short, and what works; the
replies stay with the writer through the evening."""

from demo.voices import Replies, Topic, Voice

CRAVINGS = Topic(
    weight=2,
    threads=(
        (
            "Christmas adverts are everywhere",
            "Every advert on the telly is people clinking glasses, and it's getting to me.",
        ),
        ("Tired and tempted", "I'm so tired tonight that my defences are down."),
        (
            "Lonely Saturday",
            "It's Saturday night, everyone's out, and I'm on my own with my thoughts.",
        ),
        (
            "Craving after a funeral",
            "We buried my uncle today, and the wake was a room full of drinks.",
        ),
        (
            "The bank holiday feeling",
            "Bank holidays always feel like permission, and this one is no different.",
        ),
        ("Hit a wall at work", "Work has been brutal this week and today I hit a wall."),
        (
            "Couldn't sleep, kept thinking",
            "It's three in the morning and my head won't stop circling back to it.",
        ),
        (
            "Night before a big day",
            "I've got a big interview tomorrow and the old urge to take the edge off is back.",
        ),
        ("Passed my old local", "I walked past my old local tonight and someone waved me in."),
        (
            "Texts from an old friend",
            "An old drinking friend has been texting me about a night out.",
        ),
        (
            "The end of a good week",
            "It's been a genuinely good week, and my brain wants to reward it the old way.",
        ),
        (
            "Rain, dark and cravings",
            "It's been dark and raining since four, and the craving arrived with the dark.",
        ),
        (
            "Cravings are bad tonight",
            "The cravings are bad tonight, posting so I'm not on my own with it.",
        ),
        (
            "What do you do when the cravings hit at night?",
            "It's late, the cravings have hit, and I'd love to know what you all do at this point.",
        ),
        ("Struggling after {trigger}", "Just got in from {trigger} and I'm rattled."),
        (
            "Close call {time}",
            "I had a close call {time}, and I didn't give in, but it was closer than I'd like.",
        ),
        (
            "Anyone else get cravings out of nowhere?",
            "The cravings hit hard {time}, completely out of nowhere.",
        ),
        (
            "Triggers I didn't see coming",
            "Something set me off today that I'd never have guessed would.",
        ),
        (
            "Bored, restless and {feeling}",
            "It's half nine, I'm bored and {feeling}, and my brain keeps telling me one won't matter.",
        ),
        (
            "How do you get through {weekday} evenings?",
            "{weekday} evenings are the ones that get me, every week.",
        ),
        (
            "Sitting on my hands right now",
            "I'm literally sitting on my hands on the sofa right now.",
        ),
        ("Payday wobble", "Payday always does this to me, and today was no different."),
        (
            "The shop on the corner is calling",
            "I'm writing this instead of going to the shop on the corner.",
        ),
        (
            "Craving after good news, weirdly",
            "Something good happened at work and my first thought was to celebrate the old way.",
        ),
        (
            "Just need to say it somewhere",
            "Bad night. Not drinking. Just needed to say it somewhere.",
        ),
        ("Home alone and itchy", "The house is empty tonight and that's always when it starts."),
        (
            "Evening three of a bad week",
            "It's the third bad evening in a row and I'm running out of steam.",
        ),
        ("The smell of a pub garden", "I walked past a pub garden and the smell nearly did me in."),
        (
            "It's the football again",
            "The match is on and I keep reaching for the app that I deleted.",
        ),
        (
            "A long shift and a short fuse",
            "I'm on a late shift break, {feeling}, and counting the minutes until home.",
        ),
        (
            "Talked myself out of it, barely",
            "I drove past {place} twice before going home instead.",
        ),
        (
            "Why now, after all this time?",
            "It's been weeks since I wanted it this much, and it's knocked me sideways.",
        ),
        (
            "Stuck in traffic with my own head",
            "I'm stuck in traffic and my head is taking me to all the wrong places.",
        ),
        ("Holiday cravings", "I'm on holiday and it turns out my cravings came along too."),
        (
            "The urge at six o'clock",
            "Every day at six o'clock the urge turns up like it's got an appointment.",
        ),
        (
            "Bad day, no drink",
            "Bad day at work, an argument on the phone, and no drink. Still here.",
        ),
        ("Restless legs and restless head", "My legs won't keep still and neither will my head."),
        (
            "Can't stop thinking about it",
            "I've had the urge on and off all afternoon, like a radio I can't turn off.",
        ),
        (
            "Staying put tonight",
            "I'm staying put tonight, but I could use some company while I do.",
        ),
        (
            "Kept my card at home",
            "I left my bank card at home on purpose today, and I'm glad I did.",
        ),
        (
            "Post-argument craving",
            "I had an argument with {person} and now all I can think about is {habit}.",
        ),
        (
            "The last hour before bed",
            "I got through today, but the last hour before bed is always the hardest.",
        ),
        (
            "My brain's bargaining again",
            "My head is doing the bargaining thing again: just this once, nobody would know.",
        ),
        (
            "Cravings at a barbecue",
            "Everyone at the barbecue has a beer in their hand and I've gone to hide in the kitchen.",
        ),
        (
            "Wedding next week and I'm worried",
            "There's a wedding next week and I'm already worrying about the evening do.",
        ),
        (
            "Nearly bought a scratch card",
            "I had a scratch card in my hand at the till today, and put it back.",
        ),
        ("Sunday scaries", "Sunday afternoons have a particular flavour of craving for me."),
        (
            "Sat in the car outside the supermarket",
            "I'm sitting in the car outside the supermarket and I don't trust myself to go in.",
        ),
        ("Okay, but not okay", "I'm okay, but I'm not okay, if that makes sense."),
        (
            "A wobble, and I need voices",
            "Quick post: I'm having a wobble and I need some voices in my head that aren't mine.",
        ),
        (
            "An hour of coping and it's still there",
            "I've been {coping} for an hour and the urge is still sitting there.",
        ),
        (
            "Everything reminds me tonight",
            "This is one of those nights where everything reminds me of it.",
        ),
        ("Made it past six", "Made it past six o'clock. That's the post."),
        ("Kettle's on, staying in", "Wobbly. Staying in. Kettle's on."),
        ("Card's in the drawer", "Payday. Card's in the drawer. Going to bed."),
        ("Nearly gone", "Twenty minutes of wanting it. Now five. Nearly gone."),
        (
            "Tell me it passes",
            "Can someone tell me it passes? I know it does. I just want to hear it.",
        ),
    ),
    lines=(
        "I think it was {trigger} that set it off, though I didn't notice at the time.",
        "I keep reminding myself that a craving always passes, even when it doesn't feel like it.",
        "Evenings are the worst, especially {weekday} evenings.",
        "I know the craving is lying to me, but it's a very convincing liar.",
        "Does anyone else find the urges come back when things are going well?",
        "I've made a cup of tea and I'm holding it like a shield.",
        "The urge comes in waves, and right now I'm in the trough of one.",
        "I've texted {helper}, and I'm waiting to hear back.",
        "My plan is to stay in, eat something and go to bed early.",
        "I moved the car keys to the other room, which sounds daft but helps.",
        "I'm trying to play the tape forward to tomorrow morning.",
        "It's been {days} days and I'm not throwing that away for one evening.",
        "Usually when this happens I'm tired and haven't eaten, so I'm fixing that first.",
        "The thought isn't even about wanting it, it's about wanting the evening to be different.",
        "I've put a film on and I'm not really watching it.",
        "The old me would have been at {place} by now.",
        "My hands don't know what to do with themselves.",
        "I'm going to give it twenty minutes and see how I feel.",
        "It's strange how the body remembers the time of day.",
        "I almost talked myself into believing I'd earned it.",
        "I'm annoyed with myself for being annoyed, if that makes sense.",
        "I keep picturing the first one and not the fifth.",
        "It's not a disaster, it's an evening, and evenings end.",
        "I deleted the betting apps again, for the third time.",
        "Right now I'd settle for just feeling bored instead of this.",
        "I'm staying on here for a bit, because reading helps.",
        "The worst of it seems to be between six and eight.",
        "Last time I felt like this, I posted and it passed, so here I am.",
        "I'm going to have a shower and get into clean pyjamas, which is my reset button.",
    ),
    replies=Replies(
        open=(
            "You did the right thing posting.",
            "I'm here, reading this with you.",
            "Hang on in.",
            "Hey, well done for writing instead.",
            "Oh, I know this evening well.",
            "Sitting with you for a bit.",
            "You've got this.",
            "Stay with us tonight.",
        ),
        lines=(
            "It will pass. It always passes, even when it feels like it won't.",
            "What helped me was {coping}. It sounds too simple, but it works.",
            "Have you eaten? Half my worst evenings were just hunger in disguise.",
            "Try HALT: hungry, angry, lonely, tired. I'm usually at least one of those.",
            "Put the kettle on and give it twenty minutes. That's all you need to get through.",
            "The fact that you posted here instead of going out says a lot.",
            "Play it forward to tomorrow morning. Which morning do you want?",
            "Text someone, even just a full stop. It breaks the spell.",
            "I had the exact same thing {time} and I'm fine today. So will you be.",
            "If you can get to bed, tomorrow is a different day.",
            "I keep a list of things to do in the first ten minutes. Want mine?",
            "Urge surfing took me ages to get the hang of, but it works most times.",
            "I'm {days} days in and the evenings still catch me sometimes. You're not alone.",
            "You've done the hard bit by noticing it.",
            "Check in tomorrow and tell us how the evening went.",
            "Evenings like this end. Get yourself to tomorrow and we'll talk then.",
            "You've already done the bravest thing, which is tell someone.",
            "Put a film on, even a bad one, and stay on here with us.",
            "I'm up too, {feeling} but fine. Let's get through the next hour together.",
            "I'd get something warm to drink and something to eat, in that order.",
            "Tell us how you are in the morning, we'll be here.",
            "You're allowed to go to bed at half eight. I often do.",
            "It's not weakness to find it hard. It's hard.",
            "You can do the next ten minutes. Then the next ten.",
            "Reading this from my sofa, sending you good thoughts.",
            "I find a cold glass of something fizzy helps me reset.",
            "Urges are like weather, and this one will blow over too.",
            "Try writing down what you're feeling, then post the best line here.",
            (
                "card|money|payday",
                "Move the money or the card somewhere awkward, and put your shoes away.",
            ),
            (
                "bargain|just this once|nobody would know|one won't",
                "Your brain is bargaining because it's scared. You don't have to listen.",
            ),
            (
                "good|celebrat|news",
                "Good news cravings are real. Celebrate with {food} and an early night.",
            ),
            ("shower|pyjamas", "A shower and clean clothes is my reset too."),
            (
                "drove past|walked past|shop|supermarket",
                "Walking past the shop used to do that to me. I take a different route now.",
            ),
            (
                "six|o'clock|time of day",
                "It's the time of day, not you. The body's clock is stubborn.",
            ),
            (
                "argument|row",
                "Arguments set me off every time. Be extra gentle with yourself tonight.",
            ),
            ("put it back|card", "Well done putting it back. That's a real win."),
            (
                "liar|lying to me|one won't matter",
                "The craving lies. You know that, you said it yourself.",
            ),
            ("holiday", "Holidays were hard for me too; I planned my evenings before I went."),
            (
                "barbecue|beer|garden",
                "Barbecues: I always bring my own {drink} and stand near the food.",
            ),
            ("hands", "Sitting on your hands counts as a strategy. It got you this far."),
            ("scratch", "Scratch cards were my thing; putting it back at the till is a real win."),
            ("app|match|football", "The app you deleted can stay deleted. Well done."),
            ("payday", "Payday is still my hardest day of the month, years on."),
            (
                "pub garden|smell",
                "The pub garden smell gets me every summer. It passes quicker each year.",
            ),
            ("supermarket", "If the supermarket feels too much, go home. The shopping can wait."),
            (
                "traffic|stuck",
                "Stuck in traffic is so hard, there's nowhere to go. Music up, windows down.",
            ),
            (
                "third|three|in a row",
                "Three bad evenings in a row would wear anyone down. You're doing well.",
            ),
            (
                "wedding",
                "Weddings: I went to the ceremony and the meal, then went home. Nobody minded.",
            ),
            (
                "empty|alone|on my own",
                "When the house is empty I put the radio on, just for the voices.",
            ),
            ("shift", "Long shifts and cravings are a rotten mix. Eat something first."),
            (
                "legs|restless",
                "Restless legs were awful for me; a hot bath helped more than anything.",
            ),
            (
                "sunday",
                "Sunday afternoons were mine. I started booking a walk with a friend for three o'clock.",
            ),
            (
                "radio|can't turn off|all afternoon",
                "When it's on all day, I break the day into hours and tick them off.",
            ),
        ),
        close=(
            "Rooting for you.",
            "Check in tomorrow?",
            "We're here.",
            "Hang in there.",
            "Message any time.",
            "Look after yourself tonight.",
        ),
        thanks=(
            "Update: I got through the night. Thanks for sitting with me.",
            "Going to try {coping} tonight, thanks for the idea.",
            "Thanks, everyone. It passed, like you said it would.",
            "Made it to bed. Woke up fine. Thank you all.",
            "You lot are the best. I'll check in tomorrow.",
            "Reading these helped more than anything else tonight.",
        ),
    ),
)

COPING = Topic(
    weight=1,
    threads=(
        (
            "Cooking as a distraction",
            "Cooking has become my best distraction, so I thought I'd explain why.",
        ),
        (
            "A plan for the weekend",
            "Weekends are my weak spot, so I've started planning them on a Thursday.",
        ),
        (
            "Music for bad nights",
            "I've made a playlist for bad nights and it's becoming a bit of a lifeline.",
        ),
        (
            "Gardening when it's hard",
            "Getting my hands in the soil has turned out to be the best thing for a craving.",
        ),
        (
            "Urge surfing actually worked",
            "Urge surfing sounded silly at first, but it worked for me tonight.",
        ),
        (
            "HALT saved me today",
            "I've started checking HALT: am I hungry, angry, lonely or tired? Today it was all four.",
        ),
        (
            "My coping list, in case it helps",
            "I keep a list on my phone of things to do in the first ten minutes of a craving.",
        ),
        (
            "Tea, walks and a very long {weekday}",
            "It was a very long {weekday}, and I got through it on tea and walks.",
        ),
        (
            "What's on your list for bad evenings?",
            "I'd love to hear what other people do on bad evenings, because I'm running out of ideas.",
        ),
        (
            "Journaling when you don't know what to write",
            "Journaling helps me when I can't say things out loud. Even three lines is enough.",
        ),
        (
            "Walking it off",
            "A walk round the block doesn't fix anything, but I've never come back worse.",
        ),
        (
            "The ten-minute rule",
            "My counsellor gave me a trick I've been using every day, so I'm passing it on.",
        ),
        (
            "A toolbox for the first hour",
            "For me, the first hour after work is the danger zone, so I planned it out.",
        ),
        (
            "Things that don't help (for me)",
            "I've tried plenty of things that didn't help, so here's that list too.",
        ),
        (
            "Cold water, loud music, long walk",
            "My emergency kit is cold water, loud music and a long walk, in that order.",
        ),
        (
            "What do you do with your hands?",
            "I've discovered that my hands need a job, so I've given them several.",
        ),
        (
            "My evening routine, version four",
            "My coping plan has gone through a few versions, so here's the latest.",
        ),
        (
            "Distractions that actually distract",
            "Someone asked me what I do in the evenings now, so I wrote it down.",
        ),
        (
            "Playing the tape forward",
            "Playing the tape forward is the one that works for me most often.",
        ),
        (
            "Eating properly is coping, apparently",
            "This might sound obvious, but eating properly has made a huge difference.",
        ),
        ("Night-time coping ideas?", "The nights are long at the moment and I'm collecting ideas."),
        (
            "Phone a friend, really",
            "Calling {helper} felt awkward the first time and normal by the fifth.",
        ),
        (
            "What I do on payday now",
            "Payday used to be the worst day of the month, so I've given it a new routine.",
        ),
        (
            "Keeping busy versus keeping still",
            "I used to think coping meant keeping busy every second, and it really doesn't.",
        ),
        (
            "The kettle ritual",
            "Tea has become a bit of a ritual: the kettle, the mug, the waiting.",
        ),
        (
            "Breathing, but properly",
            "I always thought breathing exercises were nonsense, until I tried them properly.",
        ),
        (
            "Shower and clean pyjamas",
            "My reset button, when an evening goes wrong, is a shower and clean pyjamas.",
        ),
        ("HALT check", "HALT check: hungry and tired. Fixing both, and sharing what I do."),
    ),
    lines=(
        "What worked tonight was {coping}, then {coping2}.",
        "I try to play the tape forward: not the first drink, the next morning.",
        "If I'm honest, eating properly makes a huge difference and I keep forgetting.",
        "I set a timer for ten minutes and tell myself I can decide after, and I never do.",
        "Changing rooms helps, oddly; the craving seems to live in the kitchen.",
        "I've got a box by the sofa with a puzzle book, a stress ball and some mints.",
        "Cold water on my face works better than it has any right to.",
        "I listen to the same three songs, loudly, and it breaks the loop.",
        "A text to someone from group, even just 'evening', makes me feel less alone.",
        "The trick is to decide in the morning what the evening will look like.",
        "I go to bed earlier than I used to, and I don't feel bad about it.",
        "Exercise helps, but only the kind I enjoy, which is walking and nothing else.",
        "I name the feeling out loud, which makes it a bit smaller.",
        "Breathing slowly, in for four and out for six, does calm me down.",
        "I keep a note of every craving I get through, and the list is very long now.",
        "I've learned to expect the six o'clock wobble and plan something for it.",
        "Some evenings I just let myself be bored, which is a skill in itself.",
        "I cook something that takes ages, because chopping is weirdly calming.",
        "If all else fails, I go to bed and read, and the morning comes.",
        "I've stopped keeping busy every second; sometimes sitting still is the point.",
        "It helps to remember the craving peaks and then falls, like a wave.",
        "I treat myself to something small every Friday, just not the old thing.",
        "I put my running shoes by the door so the walk is the easy choice.",
        "Nobody's list will be the same, so steal what's useful and bin the rest.",
        "I use {resource} on the bad nights and it talks me down.",
    ),
    listing=(("What helps me, roughly in order:", "My list for bad evenings:"), "coping"),
    replies=Replies(
        open=(
            "Great list.",
            "Saving this.",
            "This is so useful.",
            "Ooh, good thread.",
            "Thanks for writing this up.",
            "Love this.",
        ),
        lines=(
            "Mine is {coping}, every time.",
            "I'd add: tell someone before the evening starts, not during.",
            "Mine's a jigsaw on the dining table that never gets finished.",
            "I use {resource} on bad nights too.",
            "I'm going to try one of these tonight.",
            "What I like is that none of this costs anything.",
            "Printing this and sticking it on the fridge.",
            "My list has about three things on it, so this is welcome.",
            "Great to see a list that isn't just 'go for a run'.",
            "Everyone's list is different, and that's the point.",
            "I'd add {coping} to this, it's my favourite.",
            ("mint", "I'm stealing the mints idea."),
            ("cold water", "Cold water on the face works for me too."),
            ("ten minutes|timer|ten-minute", "The ten-minute timer is genius."),
            (
                "decide in the morning|plan",
                "Deciding in the morning what the evening looks like changed everything for me.",
            ),
            ("cook|chopping", "Cooking something slow is my go-to as well."),
            ("HALT", "HALT is the one I forget, and it's always the one that matters."),
            ("surf", "I didn't believe in urge surfing until I tried it properly for a week."),
            ("walk", "Walking is the only exercise I can stand too, and it's enough."),
            ("shoes", "The shoes by the door trick is brilliant and I'm doing it tonight."),
            ("bed", "Going to bed early was the one I resisted longest and it helped most."),
            (
                "name the feeling|out loud",
                "Naming the feeling out loud feels silly and works anyway.",
            ),
            ("eat", "Eating properly is so boring and so important."),
            ("songs|music", "The loud songs idea made me laugh, mine are all from the nineties."),
            (
                "journal|notebook|write",
                "Three lines in a notebook is my limit too, and it's enough.",
            ),
            ("kettle|tea|mug", "The kettle ritual is real. Something about the waiting."),
            ("breath", "Breathing out longer than in is the bit that made it work for me."),
            ("hands", "Giving my hands a job was the breakthrough for me too."),
            ("payday", "Moving money to savings the minute it lands is my payday trick."),
            ("call|phone|text", "The first call is the hardest; now I ring someone most evenings."),
            ("shower|pyjamas", "Clean pyjamas as a reset button is a lovely idea."),
        ),
        close=(
            "Thanks again.",
            "Bookmarked.",
            "Keep sharing these.",
            "More of this please.",
        ),
        thanks=(
            "Thanks, everyone, I've added three of yours to my list.",
            "Brilliant replies, I'll try the jigsaw one.",
            "Glad it helped someone. I've picked up some new ones too.",
        ),
    ),
)

VOICE = Voice(
    topics={"cravings": CRAVINGS, "coping": COPING},
    greetings=("Evening all.", "Anyone around?", "Hello, late-night crew."),
    closers=(
        "Thanks for reading.", "Staying on here for a bit.", "Any thoughts welcome.",
        "Going to bed soon.", "I'll check in tomorrow.", "That's where I'm at.",
        "Sending strength to anyone else up tonight.",
    ),
    lengths=((3, 20, 28), (20, 60, 40), (60, 150, 25), (150, 300, 7)),
    replies=CRAVINGS.replies,
)  # fmt: skip
