"""Word lists for the demo content: what fills a template's {slots}, and pseudonym parts."""

# What a {slot} in a template is filled with. A post picks each slot once, so it keeps
# talking about the same sister and the same walk; {coping2} draws from "coping" again.
SLOTS: dict[str, tuple[str, ...]] = {
    "habit": ("drinking", "drinking", "drinking", "using", "using", "gambling", "smoking"),
    "days": (
        "2", "3", "4", "5", "6", "8", "9", "11", "13", "16", "19", "23", "27", "34", "41", "58",
    ),
    "milestone": (
        "30 days", "60 days", "90 days", "90 days", "100 days", "six months", "nine months",
        "one year", "a year and a half", "two years", "four years", "two weeks", "one month",
        "200 days", "1000 days", "five years", "eleven months",
    ),
    "years": (
        "a year", "eight months", "two years", "fourteen months", "three years", "six years",
    ),
    "person": (
        "my sister", "my brother", "my partner", "my husband", "my wife", "my mum", "my dad",
        "my son", "my daughter", "my oldest friend", "my nan", "my flatmate", "my aunt",
    ),
    "helper": (
        "my sponsor", "my counsellor", "a friend from group", "my key worker",
        "an old friend who has been sober for years", "the woman who runs our Tuesday group",
        "my GP", "a volunteer at the recovery café",
    ),
    "coping": (
        "going for a walk", "calling my sponsor", "putting the kettle on", "journaling",
        "urge surfing", "a cold shower", "texting someone from group", "eating something proper",
        "going to bed early", "playing guitar badly", "a long hot bath", "doing a crossword",
        "walking the dog", "sitting outside for ten minutes", "slow breathing",
        "listening to the same album on repeat", "cleaning the kitchen", "reading posts on here",
        "checking HALT", "a mug of tea and a biscuit",
    ),
    "time": (
        "last night", "this morning", "on Friday evening", "after work", "around four o'clock",
        "at two in the morning", "on Sunday afternoon", "at lunchtime", "yesterday",
    ),
    "trigger": (
        "payday", "a work do", "a wedding", "the football", "a long day on my own",
        "a stressful phone call", "walking past my old local", "the smell of a barbecue",
        "a bad shift", "an argument at home", "a bill I couldn't pay", "a birthday party",
    ),
    "feeling": (
        "anxious", "restless", "flat", "tired", "raw", "shaky", "foggy", "wobbly", "irritable",
        "lonely", "on edge",
    ),
    "good_feeling": (
        "hopeful", "proud", "lighter", "clear-headed", "grateful", "calm", "steady", "rested",
    ),
    "hobby": (
        "baking bread", "running", "painting", "crosswords", "gardening", "fishing", "knitting",
        "birdwatching", "chess", "woodwork", "swimming", "photography", "learning Spanish",
        "jigsaw puzzles", "cycling", "sketching",
    ),
    "meeting": (
        "an AA meeting", "a SMART Recovery meeting", "an online meeting", "a Tuesday night group",
        "a peer group at the library", "an NA meeting", "a GA meeting", "a women's group",
        "a men's group at the community centre",
    ),
    "resource": (
        "a day counter app", "a mood tracker", "a meditation app with short breathing exercises",
        "a workbook on relapse prevention", "a memoir by someone who quit in their fifties",
        "a podcast where people talk about their first year", "the local recovery café",
        "a free online course on mindfulness", "a notebook and a pen",
        "the library's self-help shelf", "a sleep diary", "the helpline number on my fridge",
    ),
    "place": (
        "the corner shop", "the supermarket", "the petrol station", "my old local",
        "the off-licence", "the bookies", "the shop by the station",
    ),
    "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "change": (
        "I sleep through the night most nights", "my hands are steady",
        "I remember conversations", "there's money left at the end of the month",
        "I answer the phone without dread", "I laugh more", "I can look people in the eye",
        "mornings are the best part of my day", "I've started cooking again",
        "my head is clearer", "I keep the promises I make", "I'm kinder to myself",
    ),
    "small_win": (
        "cooked a proper meal", "paid a bill on time", "fixed the bike",
        "went to the cinema on my own", "finished a book", "slept eight hours",
        "got up before the alarm", "said no to a drink without explaining myself",
        "phoned an old friend", "cleared out the shed", "walked to work",
        "planted some tomatoes", "went swimming for the first time in years",
    ),
    "drink": (
        "ginger beer", "peppermint tea", "sparkling water with lime", "hot chocolate",
        "rooibos", "a proper builder's tea", "elderflower cordial", "an alcohol-free stout",
    ),
    "food": (
        "soup", "a big pot of chilli", "banana bread", "porridge with honey", "a Sunday roast",
        "pancakes", "a vegetable curry", "cheese on toast",
    ),
    "season": (
        "the first frost", "the long evenings", "the rain that won't stop",
        "the first warm weekend", "the dark mornings", "the leaves turning",
    ),
    "weeks": ("two", "three", "five", "six"),
    "decade": ("twenties", "thirties", "forties", "fifties", "sixties"),
    "home": (
        "a check-in every Sunday evening, ten minutes, no blame", "no wine in the fridge for now",
        "I say when I'm struggling, before it's a crisis", "we go for a walk instead of the pub",
        "the bank cards stay with them until spring", "we each get one evening a week to ourselves",
        "I'm home by eleven, or I text", "we don't talk about it at the dinner table",
        "they can ask me anything, and I answer honestly", "counselling together once a month",
    ),
}  # fmt: skip

# Pseudonym parts: nature words and gentle adjectives, nothing that names a real person.
ADJECTIVES = (
    "quiet", "gentle", "steady", "slow", "early", "brave", "patient", "morning", "evening",
    "silver", "little", "northern", "hopeful", "still", "calm", "kind", "bright", "open",
    "clear", "second", "new", "green", "blue", "amber", "wild", "soft", "true", "far", "warm",
    "golden", "misty", "sunny", "rainy", "winter", "summer", "autumn", "spring",
)  # fmt: skip
NOUNS = (
    "river", "tea", "harbour", "fern", "heron", "lantern", "pebble", "oak", "meadow", "tide",
    "kettle", "robin", "compass", "sparrow", "willow", "lighthouse", "bramble", "path",
    "garden", "moth", "badger", "fox", "otter", "cedar", "maple", "shore", "trail", "breeze",
    "pine", "coast", "hill", "sky", "stone", "anchor", "bridge", "candle", "sunrise", "wren",
    "kestrel", "orchard", "thistle", "puffin", "acorn", "harebell", "brook", "lark",
)  # fmt: skip
PHRASES = (
    "day-by-day", "still_here", "learning-again", "new_leaf", "slow_and_steady",
    "back-on-the-path", "small-steps", "one.more.day", "tea_not_beer", "clear_mornings",
    "walking-it-off", "kettle-on", "sunrise-again", "plain-sailing-ish",
)  # fmt: skip
