"""The vendor-text-only set of bench/flag_eval.py: records without audio, as the Alexa privacy
page's JSON and Google Takeout entries whose audio was not downloaded give them.

Every record is labelled intended or accidental, and dialogues (the device asked, the next
record answered) are labelled as a whole. The words are written as people say them, not in
the shape of the flagger's rules: requests that open with "I want", "can you" or a question
between people that opens like a request, overheard lines that open with a command word,
fragments the vendor's recogniser kept ("and then", "the"). Each pool is split in two
halves by position: the dev half (even positions) is what the rules were looked at against,
the held-out half (odd positions) only ever gave a figure (`--text-split held`).
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from reviewer.testing import alexa_exports as ax
from reviewer.testing import google_exports as gx

START = datetime(2024, 6, 3, tzinfo=UTC)
DAYS = 35
NOT_INTENDED = ax.LABEL_NOT_INTENDED
NOT_UNDERSTOOD = ax.LABEL_NOT_UNDERSTOOD

# (what was said, reply, domain, intent)
REQUESTS: tuple[tuple[str, str | None, str | None, str | None], ...] = (
    ("what's the weather like today", "Right now it's 64 degrees with clouds.", "Weather",
     "GetWeatherForecastIntent"),
    ("turn off the kitchen lights", "OK.", "SmartHome", "TurnOffApplianceIntent"),
    ("set a timer for fifteen minutes", "Fifteen minutes, starting now.", "Timers",
     "SetTimerIntent"),
    ("play the news", "Here's your flash briefing.", "News", "PlayNewsIntent"),
    ("how long do i boil an egg", "Boil eggs for 9 to 12 minutes for hard yolks.",
     "Knowledge", "QAIntent"),
    ("add bananas to the shopping list", "I've added bananas to your shopping list.",
     "ShoppingList", "AddToListIntent"),
    ("stop", None, "Global", "StopIntent"),
    ("what time is it in tokyo", "It's 4:12 AM in Tokyo.", "Global", "GetTimeIntent"),
    ("can you turn it down a bit", None, "Global", "VolumeDownIntent"),
    ("i want to listen to the radio", "Playing BBC Radio 4 on TuneIn.", "Music",
     "PlayStationIntent"),
    ("wake me up at six thirty", "Your alarm's set for 6:30 AM tomorrow.", "Alarms",
     "SetAlarmIntent"),
    ("is it going to rain tomorrow", "Yes, rain is likely tomorrow.", "Weather",
     "GetWeatherForecastIntent"),
    ("next", None, "Music", "NextIntent"),
    ("dim the bedroom lights to thirty percent", "OK.", "SmartHome", "SetPercentageIntent"),
    ("what's on my calendar tomorrow", "Tomorrow at 9 AM: dentist.", "Calendar",
     "ReadCalendarIntent"),
    ("remind me to water the plants at five", "OK, I'll remind you at 5 PM.", "Notifications",
     "CreateReminderIntent"),
    ("how many teaspoons in a tablespoon", "There are 3 teaspoons in a tablespoon.",
     "Knowledge", "QAIntent"),
    ("pause", None, "Music", "PauseIntent"),
    ("play some relaxing piano music", "Here's a station for relaxing piano music.", "Music",
     "PlayMusicIntent"),
    ("who sings this song", "This is Dreams by Fleetwood Mac.", "Music", "NowPlayingIntent"),
    ("turn the heat up to seventy two", "OK, setting the thermostat to 72.", "SmartHome",
     "SetTemperatureIntent"),
    ("what's the score of the yankees game", "The Yankees lead 3 to 1 in the 6th.", "Sports",
     "GetScoreIntent"),
    ("good morning", "Good morning! Today is Monday.", "Global", "GreetingIntent"),
    ("could you add paper towels to my list", "I've added paper towels to your shopping "
     "list.", "ShoppingList", "AddToListIntent"),
    ("how far is it to the airport", "The airport is 18 miles away.", "Traffic",
     "GetDistanceIntent"),
    ("resume", None, "Music", "ResumeIntent"),
    ("turn on the porch light", "OK.", "SmartHome", "TurnOnApplianceIntent"),
    ("what does ubiquitous mean", "Ubiquitous means present everywhere.", "Knowledge",
     "DefineIntent"),
    ("cancel my alarm", "Your 6:30 AM alarm is cancelled.", "Alarms", "CancelAlarmIntent"),
    ("play my discover weekly playlist", "Playing Discover Weekly from Spotify.", "Music",
     "PlayPlaylistIntent"),
    ("how's traffic on the way to work", "Your commute is 31 minutes with heavy traffic.",
     "Traffic", "GetTrafficIntent"),
    ("louder", None, "Global", "VolumeUpIntent"),
    ("what's the capital of australia", "The capital of Australia is Canberra.", "Knowledge",
     "QAIntent"),
    ("i need a recipe for banana bread", "Here's a recipe for easy banana bread.", "Recipes",
     "FindRecipeIntent"),
    ("lock the back door", "Locking the back door.", "SmartHome", "LockIntent"),
    ("call mom", "Calling Mom.", "Communication", "CallIntent"),
    ("tell me a joke", "Why did the scarecrow win an award? He was outstanding in his field.",
     "Entertainment", "JokeIntent"),
    ("set the living room lights to blue", "OK.", "SmartHome", "SetColorIntent"),
    ("when does the pharmacy close", "Walgreens closes at 9 PM today.", "Local",
     "GetHoursIntent"),
    ("skip this song", None, "Music", "NextIntent"),
    ("how do you spell necessary", "Necessary is spelled N E C E S S A R Y.", "Knowledge",
     "SpellIntent"),
    ("please turn off all the lights", "OK.", "SmartHome", "TurnOffApplianceIntent"),
    ("read my audiobook", "Resuming The Hobbit from Audible.", "Books", "ReadBookIntent"),
    ("what's twenty eight times fourteen", "28 times 14 is 392.", "Knowledge", "MathIntent"),
    ("start the robot vacuum", "OK, starting Roomba.", "SmartHome", "TurnOnApplianceIntent"),
    ("did the bears win last night", "The Bears lost 24 to 17.", "Sports", "GetScoreIntent"),
    ("shuffle my liked songs", "Shuffling your Liked Songs from Spotify.", "Music",
     "PlayPlaylistIntent"),
    ("where's my package", "Your package from Amazon arrives today.", "Shopping",
     "TrackOrderIntent"),
    ("good night", "Good night. Sleep well.", "Global", "GoodNightIntent"),
    ("how old is dolly parton", "Dolly Parton is 78 years old.", "Knowledge", "QAIntent"),
    ("set a timer for the pasta for nine minutes", "Pasta timer, nine minutes, starting now.",
     "Timers", "SetTimerIntent"),
    ("what should i make for dinner", "How about chicken stir fry?", "Recipes",
     "RecommendRecipeIntent"),
    ("turn the tv off", "OK.", "SmartHome", "TurnOffApplianceIntent"),
    ("volume five", None, "Global", "SetVolumeIntent"),
    ("what's the humidity outside", "It's 72 percent humidity.", "Weather", "GetWeatherIntent"),
    ("find me a podcast about history", "Here's The Rest Is History.", "Music",
     "PlayPodcastIntent"),
    ("open the blinds", "OK.", "SmartHome", "TurnOnApplianceIntent"),
    ("how many days until christmas", "There are 178 days until Christmas.", "Knowledge",
     "CountdownIntent"),
    ("would you turn on the fan", "OK.", "SmartHome", "TurnOnApplianceIntent"),
    ("is the pharmacy open on sunday", "It's open Sunday 10 to 6.", "Local", "GetHoursIntent"),
    ("yes", None, "Global", "YesIntent"),
    ("play the song that goes here comes the sun", "Here Comes the Sun by the Beatles.",
     "Music", "PlayMusicIntent"),
    ("convert two cups to milliliters", "Two cups is about 473 milliliters.", "Knowledge",
     "ConvertIntent"),
    ("what's the temperature in the nursery", "The nursery is 69 degrees.", "SmartHome",
     "GetTemperatureIntent"),
)
# What other people said nearby (a TV, the family, a phone call), as a recogniser writes it.
OVERHEARD: tuple[str, ...] = (
    "and then she told me she never even got the invitation",
    "i don't think we need to leave until half past",
    "no put it on the other shelf the one by the window",
    "that's what i've been trying to tell you all week",
    "we could always ask your brother to drive",
    "the traffic on the bridge was absolutely insane this morning",
    "okay but who's picking up the kids on thursday",
    "he said the part won't come in until next month",
    "turn around and look at me when i'm talking to you",
    "the forecast said it might clear up by the weekend though",
    "did you eat the last of the yogurt",
    "honestly i'd rather just stay in and order pizza",
    "she's got her recital at four so we have to be quick",
    "in tonight's episode the detectives uncover a shocking secret",
    "you left the car unlocked again by the way",
    "what time does your mum's flight land",
    "mm hmm",
    "and the",
    "so anyway the whole thing got cancelled",
    "i was like are you serious right now",
    "they're predicting a record turnout in the third district",
    "can't find my keys have you seen them",
    "that movie was way too long",
    "play nicely you two or the tablet goes away",
    "we'll see about that",
    "sorry i was on mute could you say that again",
    "the dishwasher's making that noise again",
    "our top story tonight flooding across the midwest",
    "it's not my turn to take the bins out",
    "let me call you back in five minutes",
    "seriously the best lasagna i've ever had",
    "what",
    "no",
    "the",
    "ok so we need eggs flour and something for lunches",
    "set it down there careful it's hot",
    "tell me about it",
    "if you finish your homework you can watch one episode",
    "there's a sale on at the garden centre this weekend",
    "how was school today",
    "and the winner of this year's award goes to",
    "you know what i mean",
    "i'll believe it when i see it",
    "stop it that tickles",
    "my phone's about to die where's the charger",
    "the meeting got moved to wednesday at two",
    "grandma wants to know if we're coming for easter",
    "uh huh",
    "that's the third time this week the train's been late",
    "don't forget your lunch it's on the counter",
    "who left the milk out",
    "right so after the roundabout take the second left",
    "play it again i missed the beginning",
    "it's supposed to be the warmest june on record",
    "and i said well that's not really my problem is it",
    "come on we're going to be late",
    "what a goal what an absolute screamer",
    "the doctor said to keep taking them for another week",
    "i could have sworn i put it in the drawer",
    "is it me or is it cold in here",
    "we should repaint the hallway before your parents visit",
    "and then",
    "you're muted",
    "how do you even spell that",
)
# Names the device confirms ("Dan Miller, right?") and the short names people use.
CONTACTS = (("dan", "Dan Miller"), ("priya", "Priya Shah"), ("mom", "Mom"),
            ("marco", "Marco Rossi"), ("aunt linda", "Aunt Linda"), ("jess", "Jess Taylor"),
            ("coach", "Coach Brian"), ("sam", "Sam Okafor"))
MESSAGES = ("running ten minutes late", "can you grab bread on the way home",
            "the game starts at seven", "happy birthday hope it's a good one",
            "call me when you land", "don't forget the permission slip",
            "dinner's ready whenever you are", "i left the spare key under the mat")
PRODUCTS = (("paper towels", "Bounty paper towels", "$24.99"),
            ("dish soap", "Dawn dish soap", "$6.49"), ("coffee pods", "Lavazza coffee pods",
                                                       "$19.99"),
            ("dog food", "Purina dog food", "$42.10"), ("aa batteries", "Amazon Basics AA "
                                                      "batteries", "$13.99"))
DOORS = ("front door", "back door", "side gate", "garage door")
# Overheard talk that the recogniser turned into a request, by what it set off.
ACCIDENT_OPENERS: dict[str, tuple[str, ...]] = {
    "message": (
        "and they said the hardwood floors would be done by friday so send a message",
        "you should just text him and get it over with",
        "did you ever message the landlord about the leak",
        "so then she sends me this message at midnight like nothing happened",
        "i'll send it to your sister later when she's back",
        "remember to send the photos to everyone from the party",
    ),
    "purchase": (
        "we're nearly out of that coffee you like aren't we maybe order some more",
        "my sister bought one of those air fryers and won't stop talking about it",
        "we should order a big pack of batteries we keep running out",
        "i think i ordered the wrong size again honestly",
        "buy one get one free that's what the advert said",
        "the dog food's almost gone we need to get more",
    ),
    "call": (
        "i was going to call your mom but it's too late now",
        "did anybody call the plumber back about tuesday",
        "they keep calling it the deal of the century on that channel",
        "call me crazy but i think the blue one looks better",
        "she called while you were in the shower",
        "you'd better call coach and tell him you're sick",
    ),
    "security": (
        "the kids keep leaving the back door unlocked when they go out",
        "he forgot the code for the garage again can you believe it",
        "did you unlock the car or was that me",
        "open the gate for the delivery guy would you",
        "i swear the front door was locked when we left",
        "the lock on the side gate is broken again",
    ),
}
ANSWERS = ("the contractor from work you know", "no the other one", "yeah whatever",
           "yes i think so", "right", "sure why not", "okay", "that's what i said",
           "uh i don't know", "yeah", "the one from the school", "mm yes probably",
           "no idea honestly", "i guess so")
CONFUSED = ("Sorry, I'm not sure.", "Hmm, I don't know that one.", None, None,
            "Sorry, I didn't get that.", "I'm not quite sure how to help you with that.")


def half(pool: Sequence[Any], split: str) -> list[Any]:
    """The dev half (even positions) or the held-out half (odd positions) of a pool."""
    start = 0 if split == "dev" else 1
    return list(pool[start::2])


@dataclass
class Turn:
    said: str | None
    reply: str | None = None
    domain: str | None = None
    intent: str | None = None
    label: str | None = None
    utterance_type: str = "GENERAL"
    details: list[str] = field(default_factory=list)


@dataclass
class TextRecord:
    category: str
    accidental: bool
    when: datetime
    device: str | None
    turn: Turn
    dialogue: int | None = None  # the label's dialogue number, shared by its turns
    action: bool = False  # the records show the device did something risky or not
    key: str = ""  # how the scan output is joined back (recorded_at, ms)


class TextBuilder:
    def __init__(self, vendor: str, seed: int, split: str) -> None:
        self.vendor = vendor
        self.rng = random.Random(f"text:{vendor}:{seed}:{split}")
        self.split = split
        self.records: list[TextRecord] = []
        self.dialogues = itertools.count(1)

    def pool(self, items: Sequence[Any]) -> list[Any]:
        return half(items, self.split)

    def time(self, night: bool = False) -> datetime:
        day = self.rng.randrange(DAYS)
        hour = self.rng.choice((0, 1, 2, 3)) if night else self.rng.choice(
            (7, 8, 8, 12, 17, 18, 18, 19, 19, 20, 20, 21, 22))
        return START + timedelta(days=day, hours=hour, seconds=self.rng.uniform(0, 3600),
                                 milliseconds=self.rng.randrange(1000))

    def device(self) -> str | None:
        if self.vendor == "google":
            return None
        return self.rng.choice([d[0] for d in ax.DEVICES])

    def add(self, category: str, accidental: bool, when: datetime, device: str | None,
            turn: Turn, dialogue: int | None = None, action: bool = False) -> TextRecord:
        if self.vendor == "google":
            turn.details = ["Started by hotword", *turn.details]
            turn.domain = turn.intent = None  # Google keeps no domain or intent
        rec = TextRecord(category, accidental, when, device, turn, dialogue, action)
        self.records.append(rec)
        return rec

    # intended -------------------------------------------------------------------------------

    def request(self, when: datetime, device: str | None) -> None:
        said, reply, domain, intent = self.rng.choice(self.pool(REQUESTS))
        turn = Turn(said, reply, domain, intent)
        if self.vendor == "google" and self.rng.random() < 0.15:
            turn.said = f"hey google {said}"  # Google sometimes keeps the hotword
        if self.rng.random() < 0.03:  # the recogniser failed on a real request
            turn = Turn(None, None, label=(NOT_UNDERSTOOD if self.vendor == "amazon"
                                           else gx.CONTENTLESS_TITLES[1]))
        self.add("intended: request", False, when, device, turn)

    def wake_then_request(self, when: datetime, device: str | None) -> None:
        if self.vendor == "amazon":
            first = Turn("alexa" if self.rng.random() < 0.2 else None,
                         label=self.rng.choice((NOT_INTENDED, NOT_UNDERSTOOD)),
                         utterance_type="WAKE_WORD_ONLY")
            if first.said:
                first.label = None
        else:
            first = Turn(None, label=gx.CONTENTLESS_TITLES[0])
        self.add("intended: wake word only, then a request", False, when, device, first)
        said, reply, domain, intent = self.rng.choice(self.pool(REQUESTS))
        self.add("intended: the request after a wake word", False,
                 when + timedelta(seconds=self.rng.uniform(2, 7)), device,
                 Turn(said, reply, domain, intent))

    def legit_dialogue(self, when: datetime, device: str | None) -> None:
        kind = self.rng.choice(("message", "call", "purchase", "unlock", "reminder", "timer"))
        short, full = self.rng.choice(CONTACTS)
        turns: list[Turn]
        if kind == "message":
            opener = self.rng.choice((f"send a message to {short}", f"text {short}",
                                      f"message {short}"))
            turns = [Turn(opener, "What's the message?", "Communication", "SendMessage"),
                     Turn(self.rng.choice(MESSAGES), f"{full}, right?", "Communication",
                          "SelectContact"),
                     Turn(self.rng.choice(("yes", "yep", "that's right", "yes please")),
                          self.rng.choice(("Sending.", f"Okay, sending the message to "
                                                       f"{full}.")),
                          "Communication", "ConfirmSend")]
        elif kind == "call":
            turns = [Turn(f"call {short}", f"{full}, mobile or home?", "Communication",
                          "CallIntent"),
                     Turn(self.rng.choice(("mobile", "her mobile", "home")),
                          f"Calling {full}.", "Communication", "SelectContact")]
        elif kind == "purchase":
            what, name, price = self.rng.choice(PRODUCTS)
            turns = [Turn(self.rng.choice((f"reorder {what}", f"order more {what}",
                                           f"buy {what}")),
                          f"Based on your order history, I found {name}, it's {price}. "
                          "Would you like to buy it?", "Shopping", "BuyItemIntent"),
                     Turn(self.rng.choice(("yes", "yes please", "go ahead")),
                          f"Okay, your order for {name} has been placed.", "Shopping",
                          "ConfirmPurchaseIntent")]
        elif kind == "unlock":
            door = self.rng.choice(DOORS[:3])
            turns = [Turn(f"unlock the {door}", "What's your voice code?", "SmartHome",
                          "UnlockIntent"),
                     Turn(self.rng.choice(("four four one nine", "two eight eight zero")),
                          f"Unlocking the {door}.", "SmartHome", "UnlockIntent")]
        elif kind == "reminder":
            turns = [Turn("set a reminder", "What's the reminder?", "Notifications",
                          "CreateReminderIntent"),
                     Turn(self.rng.choice(("take the chicken out of the freezer",
                                           "pay the water bill", "call the vet")),
                          "At what time?", "Notifications", "CreateReminderIntent"),
                     Turn(self.rng.choice(("five pm", "tomorrow at nine", "at noon")),
                          "Okay, I'll remind you.", "Notifications", "CreateReminderIntent")]
        else:
            turns = [Turn("set a timer", "Timer for how long?", "Timers", "SetTimerIntent"),
                     Turn(self.rng.choice(("twelve minutes", "half an hour", "forty seconds")),
                          "Okay, starting now.", "Timers", "SetTimerIntent")]
        self.dialogue("intended: legitimate dialogue", False, when, device, turns,
                      action=kind in ("message", "call", "purchase", "unlock"))

    def dialogue(self, category: str, accidental: bool, when: datetime, device: str | None,
                 turns: list[Turn], action: bool) -> None:
        number = next(self.dialogues)
        for turn in turns:
            self.add(category, accidental, when, device, turn, number, action)
            when += timedelta(seconds=self.rng.uniform(4.0, 9.0))

    # accidental -----------------------------------------------------------------------------

    def overheard(self, when: datetime, device: str | None, category: str) -> None:
        line = self.rng.choice(self.pool(OVERHEARD))
        turn = Turn(line)
        r = self.rng.random()
        if self.vendor == "amazon":
            if r < 0.30:
                turn = Turn(None, label=NOT_INTENDED,
                            utterance_type="DISCARDED_NON_DEVICE_DIRECTED_INTENT")
            elif r < 0.42:
                turn = Turn(None, label=NOT_UNDERSTOOD)
        elif r < 0.35:
            turn = Turn(None, label=self.rng.choice(gx.CONTENTLESS_TITLES))
        if turn.said is not None:
            words = line.split()
            if self.rng.random() < 0.35 and len(words) > 3:  # only part of it was caught
                cut = self.rng.randint(1, len(words) - 1)
                turn.said = " ".join(words[:cut] if self.rng.random() < 0.5 else words[cut:])
            turn.reply = self.rng.choice(CONFUSED)
        if self.vendor == "google" and self.rng.random() < 0.25:
            turn.details.append(gx.UNRECOGNIZED_SPEAKER)
        self.add(category, True, when, device, turn)

    def accidental_dialogue(self, when: datetime, device: str | None, kind: str,
                            completes: bool = True) -> None:
        opener = self.rng.choice(self.pool(ACCIDENT_OPENERS[kind]))
        answers = self.pool(ANSWERS)
        _, full = self.rng.choice(CONTACTS)
        turns: list[Turn]
        if kind == "message":
            turns = [Turn(opener, "To whom?", "Communication", "SendMessage"),
                     Turn(self.rng.choice(answers), f"{full}, right?", "Communication",
                          "SelectContact"),
                     Turn(self.rng.choice(answers), "Okay, sending.", "Communication",
                          "ConfirmSend")]
        elif kind == "purchase":
            _, name, price = self.rng.choice(PRODUCTS)
            turns = [Turn(opener, f"I found {name}, it's {price}. Would you like to buy it?",
                          "Shopping", "BuyItemIntent"),
                     Turn(self.rng.choice(answers), f"Okay, your order for {name} has been "
                          "placed.", "Shopping", "ConfirmPurchaseIntent")]
        elif kind == "call":
            turns = [Turn(opener, "Who do you want to call?", "Communication", "CallIntent"),
                     Turn(self.rng.choice(answers), f"{full}, right?", "Communication",
                          "SelectContact"),
                     Turn(self.rng.choice(answers), f"Calling {full}.", "Communication",
                          "CallIntent")]
        else:
            door = self.rng.choice(DOORS)
            turns = [Turn(opener, f"Did you mean the {door}?", "SmartHome", "UnlockIntent"),
                     Turn(self.rng.choice(answers), f"Unlocking the {door}.", "SmartHome",
                          "UnlockIntent")]
        if not completes:  # the talk went on and the device gave up
            turns[-1].reply = self.rng.choice(("Sorry, I didn't get that.", None))
            turns[-1].intent = None
        self.dialogue("accidental: dialogue that " + ("acted" if completes else "gave up"),
                      True, when, device, turns, action=completes)

    def night_burst(self) -> None:
        when = self.time(night=True)
        device = self.device()
        for _ in range(self.rng.randint(3, 5)):
            self.overheard(when, device, "accidental: TV at night (burst)")
            when += timedelta(seconds=self.rng.uniform(25, 80))

    def finish(self) -> list[TextRecord]:
        """Unrelated records on one device at least 30 s apart; unique times for joining."""
        by_device: dict[str | None, list[TextRecord]] = {}
        for rec in self.records:
            by_device.setdefault(rec.device, []).append(rec)
        for recs in by_device.values():
            recs.sort(key=lambda r: r.when)
            for a, b in itertools.pairwise(recs):
                together = (a.dialogue is not None and a.dialogue == b.dialogue) or (
                    b.category == "intended: the request after a wake word"
                    and a.category.startswith("intended: wake word only"))
                if not together and b.when < a.when + timedelta(seconds=30):
                    shift = a.when + timedelta(seconds=30 + self.rng.uniform(0, 20)) - b.when
                    for later in recs:  # move b's whole dialogue with it
                        if later is b or (b.dialogue is not None
                                          and later.dialogue == b.dialogue):
                            later.when += shift
        seen: set[str] = set()
        for rec in sorted(self.records, key=lambda r: r.when):
            rec.when = rec.when.replace(microsecond=rec.when.microsecond // 1000 * 1000)
            while (key := f"{rec.when:%Y-%m-%dT%H:%M:%S}.{rec.when.microsecond // 1000:03d}Z"
                   ) in seen:
                rec.when += timedelta(milliseconds=1)
            seen.add(key)
            rec.key = key
        return sorted(self.records, key=lambda r: r.when)


def build_text_records(vendor: str, seed: int, split: str, scale: float = 1.0
                       ) -> list[TextRecord]:
    b = TextBuilder(vendor, seed, split)

    def n(count: int) -> int:
        return max(1, round(count * scale))

    amazon = vendor == "amazon"
    for _ in range(n(150 if amazon else 70)):
        when, device = b.time(), b.device()
        b.request(when, device)
        for _ in range(b.rng.choices((0, 1, 2), weights=(80, 14, 6))[0]):
            when += timedelta(seconds=b.rng.uniform(30, 120))
            b.request(when, device)
    for _ in range(n(25 if amazon else 10)):
        b.wake_then_request(b.time(), b.device())
    for _ in range(n(24 if amazon else 10)):
        b.legit_dialogue(b.time(), b.device())
    for _ in range(n(110 if amazon else 50)):
        b.overheard(b.time(), b.device(), "accidental: overheard line")
    kinds = ("message", "purchase", "call", "security") if amazon else (
        "message", "call", "security")
    for i in range(n(16 if amazon else 9)):
        b.accidental_dialogue(b.time(), b.device(), kinds[i % len(kinds)])
    for i in range(n(6 if amazon else 3)):
        b.accidental_dialogue(b.time(), b.device(), kinds[i % len(kinds)], completes=False)
    for _ in range(n(4 if amazon else 2)):
        b.night_burst()
    return b.finish()


def write_amazon_records(records: Sequence[TextRecord], dest: Path) -> Path:
    serials = {name: (dtype, serial) for name, dtype, serial in ax.DEVICES}
    out = []
    for i, rec in enumerate(records):
        dtype, serial = serials[rec.device or ax.DEVICES[0][0]]
        ts = int(rec.when.timestamp() * 1000)
        key = f"{ax.CUSTOMER_ID}#{ts}#{dtype}#{serial}"
        uid = (f"AB72C64C86AW2:1.0/{rec.when:%Y/%m/%d/%H}/{serial}/{rec.when:%M:%S}::TNIH_2V."
               f"{i:08x}-7c1e-4a8a-bc62-5c2d8d0b9d1c")
        t = rec.turn
        items = [{"recordItemKey": f"{key}#{kind}#0", "recordItemType": kind,
                  "utteranceId": uid, "timestamp": ts + (900 if kind == "ALEXA_RESPONSE" else 0),
                  "transcriptText": text}
                 for kind, text in (("CUSTOMER_TRANSCRIPT", t.said),
                                    ("ASR_REPLACEMENT_TEXT", t.label),
                                    ("ALEXA_RESPONSE", t.reply)) if text is not None]
        out.append({"recordKey": key, "recordType": "VOICE_HISTORY", "timestamp": ts,
                    "device": {"deviceName": rec.device, "serialNumber": serial,
                               "deviceType": dtype},
                    "isBinaryFeedbackProvided": False, "utteranceType": t.utterance_type,
                    "domain": t.domain, "intent": t.intent, "skillName": None,
                    "voiceHistoryRecordItems": items, "personsInfo": []})
    files = {}
    newest_first = list(reversed(out))
    for page, start in enumerate(range(0, len(newest_first), 100)):
        files[f"Voice History/customer-history-records-{page + 1}.json"] = json.dumps(
            {"customerHistoryRecords": newest_first[start:start + 100],
             "encodedRequestToken": None}, indent=1, ensure_ascii=False).encode("utf-8")
    return ax.write_export(ax.ExportContent(files, ()), dest, form="folder",
                           name="alexa-privacy-page").path


def write_google_records(records: Sequence[TextRecord], dest: Path) -> Path:
    entries = []
    for rec in records:
        t = rec.turn
        title = t.label if t.label is not None else gx.said(t.said or "")
        entries.append(gx.AssistantEntry(time=rec.when, title=title, audio=None,
                                         details=list(t.details),
                                         replies=[t.reply] if t.reply else []))
    [path] = gx.write_takeout(dest, entries)
    return path
