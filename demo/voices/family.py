"""Family and friends: members and the people beside them, trust and boundaries, written
carefully; the replies come from both sides."""

from demo.voices import Replies, Topic, Voice

FAMILY = Topic(
    weight=2,
    threads=(
        (
            "Grandparent in recovery",
            "I'm a grandad, and I want my grandchildren to know the sober version of me.",
        ),
        (
            "Making new sober friends",
            "I've realised I need some friends who don't drink, and I don't know how to find them.",
        ),
        (
            "My partner still drinks",
            "I've stopped, but my partner still drinks, and we're working out what that means.",
        ),
        (
            "Birthday party for my daughter",
            "My daughter's birthday party is next week, and for once I'll remember all of it.",
        ),
        (
            "Apologising to an old friend",
            "I wrote to an old friend to apologise for something I did years ago.",
        ),
        (
            "Meeting my partner's parents",
            "I'm meeting my partner's parents for the first time, and they're big drinkers.",
        ),
        (
            "Work drinks every Friday",
            "My team goes to the pub every Friday and I'm the new one who doesn't drink.",
        ),
        (
            "Family therapy, first session",
            "We had our first family therapy session last night and I'm still processing it.",
        ),
        (
            "How do I tell {person}?",
            "I need to tell {person} and I've been putting it off for three weeks.",
        ),
        (
            "{person} doesn't trust me yet",
            "{person} has been amazing, but I can tell they're still waiting for me to slip.",
        ),
        (
            "Rebuilding trust, slowly",
            "I understand why trust takes time. It's just hard being patient with it.",
        ),
        (
            "{person} came to a meeting with me",
            "{person} came to an open meeting with me last week, which I never thought they'd do.",
        ),
        (
            "Family gatherings when you're newly sober",
            "Family events are tricky: everyone's drinking and nobody knows what to say.",
        ),
        (
            "When a friend keeps offering you a drink",
            "A friend keeps offering me a drink as a joke, and I'm tired of laughing it off.",
        ),
        (
            "Talking to the kids about it",
            "My kids are nine and twelve, and I don't know how much to tell them.",
        ),
        (
            "{person} said they're proud of me",
            "{person} said something yesterday that I've been thinking about all day: they're proud of me.",
        ),
        (
            "Setting boundaries with old friends",
            "My old group of friends has gone quiet since I stopped, and I'm not sure how I feel.",
        ),
        (
            "Christmas with the in-laws",
            "We're spending Christmas with the in-laws, who like a drink, and I'm planning ahead.",
        ),
        (
            "My mates don't get it",
            "My mates think I'm going through a phase and will be back at the bar by summer.",
        ),
        (
            "Making amends, the slow way",
            "I'm trying to make amends, and it turns out that's mostly turning up on time.",
        ),
        (
            "{person} keeps watching my glass",
            "Every time I pick up a glass, I can feel {person} watching it.",
        ),
        (
            "Is it okay to skip the family party?",
            "There's a big family party next month, and I'm thinking of not going.",
        ),
        (
            "My dad and I finally talked",
            "My dad and I had a proper talk last night, for the first time in years.",
        ),
        ("Telling work, or not", "I told my boss this week, which I'd been dreading for months."),
        (
            "Old drinking friends",
            "Some of my friendships turn out to have been mostly about drinking.",
        ),
        ("A sober date, of all things", "I went on a date and had to explain the lime and soda."),
        (
            "Explaining it to my teenager",
            "My fifteen-year-old asked me straight out why I'd stopped drinking.",
        ),
        (
            "{person} found out before I told them",
            "{person} found out before I'd worked up to telling them, and it's been a difficult week.",
        ),
        ("Hen do dilemma", "I've been invited to a hen do that's basically a weekend in a bar."),
        (
            "Our first honest row",
            "We had a row last night, and for the first time in years neither of us had been drinking.",
        ),
        (
            "When your family drinks a lot",
            "My whole family drinks, and being the sober one is lonely at times.",
        ),
        (
            "Rebuilding things with my brother",
            "My brother and I haven't been close for a long time, and I want to change that.",
        ),
        (
            "What do I say when people ask?",
            "People keep asking why I'm not drinking and I haven't found a good answer yet.",
        ),
        (
            "Learning to be trusted with money again",
            "Money was the thing that broke trust at home, so it's the thing I'm rebuilding.",
        ),
        ("Told {person} today", "Told {person} today. It went better than I'd feared."),
        (
            "My dad hugged me",
            "My dad hugged me and said he was proud. That's all, I just wanted to write it down.",
        ),
        (
            "Skipped the family party, no regrets",
            "Skipped the family party. No regrets. Sent a card instead.",
        ),
        (
            "Trusted with the car keys again",
            "Small one: {person} trusted me with the car keys again.",
        ),
    ),
    lines=(
        "I've started bringing my own {drink} to gatherings, which saves the questions.",
        "Telling {person} was the hardest conversation I've had in years.",
        "They didn't say much at first, then hugged me for a long time.",
        "We've agreed I'll tell them if I'm struggling, and they won't panic when I do.",
        "I had to step back from a couple of old friends, which felt lonely but necessary.",
        "{person} came to an open meeting with me and said it helped them understand.",
        "Making amends isn't one big speech, it's turning up on time, again and again.",
        "I keep wanting them to trust me faster than I've earned.",
        "I've handed over the bank cards for now, which was my idea and still stung.",
        "The kids don't need all of it, but they need to know it's not their fault.",
        "My mum keeps apologising for having wine in the house, which is kind and awkward.",
        "I practise what I'll say before parties, and it helps.",
        "There's a friend who's been nothing but supportive, and I want to thank her properly.",
        "My partner and I are seeing a counsellor together, which is helping us both.",
        "One of my mates asked me to be his designated driver forever, which I've accepted.",
        "'I'm not drinking tonight' is a full sentence, I've decided.",
        "It hurt when they checked the recycling, but I understand why they did.",
        "I left the party early and nobody minded, which I should have guessed.",
        "The hardest part is knowing I put them through years of worry.",
        "We went for a walk instead of the pub, and talked more than we have in ages.",
        "My sister still can't talk about some of it, and I'm giving her room.",
        "I'm learning to say no to invitations without feeling like a killjoy.",
        "It turns out some friendships were only about drinking, and that's okay.",
        "I've made new friends at group, which I never expected at my age.",
        "I wrote {person} a letter, because I couldn't get the words out in person.",
        "Being trusted with something small again felt huge.",
        "My family are getting used to the new me, and so am I.",
    ),
    listing=(("What's helped at home:", "Things we've agreed:"), "home"),
)

CARER = Topic(
    weight=1,
    threads=(
        (
            "Being the partner of someone in recovery",
            "I'm the partner in this story, and some days I don't know how to help.",
        ),
        (
            "{person} is in early recovery, how do I help?",
            "{person} has just started their recovery and I want to help without getting it wrong.",
        ),
        (
            "Hello, here because of {person}",
            "I'm not the one in recovery, {person} is, but I think I need a place to talk too.",
        ),
        (
            "How do I support {person} without hovering?",
            "I keep checking on {person}, and I hate that I do.",
        ),
        (
            "Looking after myself while {person} recovers",
            "A counsellor told me I can't do {person}'s recovery for them, only look after my own part.",
        ),
        (
            "Proud and scared at the same time",
            "{person} is {days} days sober and I'm so proud, and so scared.",
        ),
        ("My son is {days} days sober", "I'm here as a mum: my son is {days} days sober."),
        (
            "Do I keep wine in the house?",
            "My husband stopped drinking in the spring, and I don't know whether to keep wine in the house.",
        ),
        (
            "Parent of someone in recovery, looking for company",
            "My daughter is at the start of her recovery and lives two hundred miles away.",
        ),
        (
            "The worry doesn't switch off",
            "I never know whether to mention it or just act normal, and the worry doesn't switch off.",
        ),
        (
            "What helped you when your partner stopped?",
            "Our house has been very different since {person} stopped, mostly in good ways.",
        ),
        (
            "Going to a family group for the first time",
            "I've started going to a group for families, which helps more than I expected.",
        ),
        (
            "Learning not to fix it",
            "I grew up with a dad who drank, and now my partner is getting sober, and I want to fix everything.",
        ),
        (
            "Only now realising how tired I am",
            "It's six months since {person} stopped, and I'm only now realising how tired I am.",
        ),
    ),
    lines=(
        "I never know whether to mention it or just act normal.",
        "Some evenings I'm {feeling} for no reason I can name.",
        "I've been {coping} myself, which sounds odd, but I need it too.",
        "We used to argue about it constantly, and now we talk, which is new for both of us.",
        "I'm learning to say how I feel without making it into an accusation.",
        "I poured the wine away without asking, and we talked about that afterwards.",
        "I've had to stop counting their days for them, that's their job.",
        "Some of my anger from the bad years is still there, and I'm allowed that.",
        "I'm trying to trust them, and to trust myself to cope if it goes wrong.",
        "My friends don't really understand, which is why I'm here.",
        "The family group told me that my recovery matters as well, which I needed to hear.",
        "I've taken up {hobby} again, just for me.",
        "When they have a bad evening, I've learned to ask what would help, not to guess.",
        "I catch myself watching for signs, and I'm trying to stop.",
        "We laugh more now, which I'd forgotten we used to do.",
        "I worry about relapse more than they do, I think.",
        "I'm proud of them, and I'm also tired, and both are true.",
        "Our kids have noticed the change, and so have the neighbours.",
        "I keep a journal of my own, separate from all this.",
        "It's strange to grieve the years while being glad about now.",
    ),
    replies=Replies(
        open=(
            "I've been where you are.",
            "Thank you for writing this.",
            "Hello, and welcome from another partner.",
            "This is such a good question.",
            "Your feelings make complete sense.",
        ),
        lines=(
            "Looking after yourself isn't selfish, it's part of it.",
            "You can't do someone else's recovery for them, and that's okay.",
            "There are groups for families too; one helped my wife a lot.",
            "From the other side: I knew my partner was watching, and I understood why.",
            "Asking what would help, rather than guessing, is exactly right.",
            "It's fine to keep some feelings about the bad years. They happened.",
            "My husband said the best thing I did was carry on with my own life.",
            "Talk to your GP about support for yourself, they helped me find a group.",
            "Proud and scared at once is exactly how I felt too.",
            "Keep something that's just yours, a class or a walk or a friend.",
            ("tired", "The tiredness after the crisis is so real. Be gentle with yourself."),
            ("check|hover", "It took me a year to stop checking, and it did stop."),
            ("laugh|good ways", "Laughing again is the best sign there is."),
            ("wine|house", "I'd keep the house dry for a while, but talk about it together."),
            (
                "miles away|lives",
                "Being far away is so hard. A regular phone call at the same time each week helped us.",
            ),
            ("group", "Family groups were a lifeline for me. I'm glad you found one."),
            (
                "dad who drank|grew up",
                "Growing up with it and then loving someone with it is a lot. Be kind to yourself.",
            ),
        ),
        close=(
            "Wishing you both well.",
            "We're here for you too.",
            "Go gently.",
        ),
        thanks=(
            "Thank you, this gives me a lot to think about.",
            "It helps so much to hear from the other side. Thank you.",
        ),
    ),
)

VOICE = Voice(
    topics={"family": FAMILY, "carer": CARER},
    greetings=("Hello everyone.", "Evening, all.", "Hello, both sides of the fence."),
    closers=(
        "Any advice welcome.", "Thanks for listening.", "Wishing everyone well at home.",
        "I'll let you know how it goes.", "That's where we are.", "Thank you for reading.",
    ),
    lengths=((5, 25, 10), (25, 90, 40), (90, 220, 38), (220, 400, 12)),
    replies=Replies(
        open=(
            "Thank you for sharing this.",
            "I've been there.",
            "This is such a good question.",
            "Oh, that's a lot to carry.",
            "This is lovely to read.",
            "Good for you.",
        ),
        lines=(
            "It's so hard when the people you love are still learning how to be around the new you.",
            "Patience on both sides seems to be the whole thing.",
            "You're allowed to put your recovery first, even at family events.",
            "I found that saying less, calmly, worked better than explaining everything.",
            "Families take time to catch up with the change. Mine did.",
            "It sounds like you're handling this with a lot of care.",
            "Small honest conversations add up.",
            "There's no perfect script for these talks. Yours sounds like a good start.",
            "People often come round when they see you're serious about it.",
            "Let us know how it goes; we're rooting for you both.",
            "Trust comes back slowly, and then all at once. Keep showing up.",
            "Boundaries are a kindness, to them and to you.",
            "It sounds like they love you very much.",
            "My family took a long time too, and it was worth the wait.",
            "For the partners reading: looking after yourself isn't selfish.",
            "You don't owe anyone an explanation for not drinking.",
            "Keep talking to each other, even when it's awkward.",
            "Some friends drift away and some surprise you. Both happened to me.",
            "A weekly check-in has saved us more than once.",
            "I practise a line before parties: 'Not for me, thanks, I'm driving.'",
            "It's lovely to hear the family side and the member side in one thread.",
            "There are groups for families too; one helped my wife a lot.",
            ("part|gathering|event|do\\b", "Bringing your own drink to parties is a great trick."),
            ("kids|children|teenager|son|daughter", "I told my kids a simple version: I was poorly, and I'm getting help."),
            ("card|money", "Handing over the cards was a brave idea, and a temporary one."),
            ("letter", "A letter is a brilliant way to say it when the words won't come."),
            ("hen", "The hen do can go ahead without you, or you can go to the daytime bits only."),
            ("ask|why I'm not|explain", "My answer when people ask is 'not tonight', and I leave it there."),
            ("counsel", "Counselling together helped us too, even though we fought about going."),
            ("whole family|family drinks|sober one", "Being the sober one in a drinking family is hard. We get it here."),
            ("check|watch|recycling|glass", "My partner kept checking the recycling too. It stopped, eventually."),
            ("amends|on time", "Turning up on time, every time, is the amends. You're doing it."),
            ("walk|pub", "A walk instead of the pub is a lovely idea."),
            ("meeting", "Them coming to a meeting with you is huge."),
            ("mates|friends", "Some mates come round, some don't. The ones who do are worth keeping."),
            ("date", "The date story made me laugh. Lime and soda is very sophisticated."),
            ("dad", "Your dad's talk sounds like something you'll remember for a long time."),
            ("in-laws|christmas", "I skipped the in-laws' parties for a year, then went back, sober and fine."),
            ("boss|work", "Telling work went better than I expected for me too."),
            ("trust", "Trust came back for us through lots of small, boring promises kept."),
            ("row|argue", "Our first sober row was strangely hopeful. We actually listened."),
            ("brother|sister", "My sister and I took years, and it was worth every awkward phone call."),
            ("skip|not going", "Skipping a party to protect your recovery is a good decision, not a rude one."),
            ("joke|offering", "A friend who keeps offering isn't being funny. It's fine to say so."),
            ("proud|hugged", "Those words from family stay with you. Hold on to them."),
            ("car keys|trusted", "Being trusted with something small again is huge."),
        ),
        close=(
            "Wishing you both well.",
            "We're here for you too.",
            "Go gently.",
            "Keep going.",
        ),
        thanks=(
            "Thank you, this gives me a lot to think about.",
            "Really helpful, thank you all. I'll let you know how it goes.",
            "I'm going to try the letter idea. Thank you.",
        ),
    ),
)  # fmt: skip
