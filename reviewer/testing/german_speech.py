"""German speech for benchmarks, spoken on the fly by espeak-ng's German voices: requests to
an assistant (without the wake word, to follow a real "Alexa" clip), with the answer Alexa
gives and its domain and intent, and things said in a German home or on German TV that no
one said to the device. Written as people talk, not from the flagger's word lists.

Needs `espeak-ng` and `sox` (apt-get install espeak-ng sox); `speak` returns None without.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np

from reviewer.testing.audio import Samples

RATE = 16_000
VOICES = ("de", "de+m1", "de+m2", "de+m3", "de+m4", "de+f1", "de+f2", "de+f3", "de+f4")

# (request without the wake word, Alexa's answer, domain, intent)
COMMANDS: tuple[tuple[str, str | None, str | None, str | None], ...] = (
    ("wie wird das Wetter morgen", "Morgen wird es bewölkt bei 14 Grad.", "Weather",
     "GetWeatherForecastIntent"),
    ("schalte das Licht im Wohnzimmer aus", "Okay.", "SmartHome", "TurnOffApplianceIntent"),
    ("mach die Lampe in der Küche an", "Okay.", "SmartHome", "TurnOnApplianceIntent"),
    ("stell einen Timer auf zwölf Minuten", "Zwölf Minuten, ab jetzt.", "Timers",
     "SetTimerIntent"),
    ("spiel Radio Eins", "Ich spiele Radio Eins von TuneIn.", "Music", "PlayStationIntent"),
    ("wie spät ist es", "Es ist 19 Uhr 42.", "Global", "GetTimeIntent"),
    ("setz Butter auf die Einkaufsliste", "Ich habe Butter zu deiner Einkaufsliste "
     "hinzugefügt.", "ShoppingList", "AddToListIntent"),
    ("erinnere mich morgen um neun an die Müllabfuhr", "Okay, ich erinnere dich morgen um "
     "9 Uhr.", "Notifications", "CreateReminderIntent"),
    ("ruf Oma an", "Ich rufe Oma an.", "Communications", "CallIntent"),
    ("leiser", None, "Global", "VolumeDownIntent"),
    ("stopp", None, "Global", "StopIntent"),
    ("wecke mich um halb sieben", "Dein Wecker ist für 6 Uhr 30 gestellt.", "Alarms",
     "SetAlarmIntent"),
    ("was steht heute in meinem Kalender", "Heute hast du zwei Termine.", "Calendar",
     "ReadCalendarIntent"),
    ("stell die Heizung auf einundzwanzig Grad", "Okay, die Temperatur wird auf 21 Grad "
     "gestellt.", "SmartHome", "SetTemperatureIntent"),
    ("spiel die Nachrichten", "Hier sind die Nachrichten vom Deutschlandfunk.", "News",
     "PlayNewsIntent"),
    ("wie viele Gramm hat ein Pfund", "Ein Pfund hat 500 Gramm.", "Knowledge", "QAIntent"),
    ("schick eine Nachricht an Lena", "Was soll die Nachricht sagen?", "Communications",
     "SendMessageIntent"),
    ("bestell mehr Kaffeebohnen", "Deine Bestellung für Kaffeebohnen wurde aufgegeben.",
     "Shopping", "BuyItemIntent"),
    ("gute Nacht", "Gute Nacht, schlaf gut.", "Global", "GoodNightIntent"),
    ("pausiere die Musik", None, "Music", "PauseIntent"),
)

# Heard in the room: family talk, phone calls, and the TV or radio in the background.
OVERHEARD: tuple[str, ...] = (
    "Kannst du bitte noch Brot mitbringen, wenn du vom Sport kommst?",
    "Der Zug hatte schon wieder zwanzig Minuten Verspätung.",
    "Hast du gesehen, was Alexander auf der Feier gemacht hat?",
    "Mama, wo ist mein blauer Pullover?",
    "Das Tor in der letzten Minute war einfach unglaublich.",
    "Wir müssen am Wochenende unbedingt die Garage aufräumen.",
    "Was gibt es heute zum Abendessen?",
    "Nee, lass mal, ich hab keine Lust mehr auf Fernsehen.",
    "Die Heizung im Bad ist schon wieder kalt.",
    "Wie war denn dein Tag in der Schule?",
    "Ich ruf dich später nochmal an, okay?",
    "Alexandra kommt am Samstag mit den Kindern vorbei.",
    "Also ehrlich gesagt finde ich das Kleid ein bisschen zu teuer.",
    "Guten Abend, meine Damen und Herren, hier ist die Tagesschau.",
    "Im Süden bleibt es morgen sonnig, im Norden gibt es Schauer.",
    "Und jetzt zum Sport: Die Bayern verlieren überraschend in Bochum.",
    "Nach der Werbung geht es weiter mit unserer großen Backshow.",
    "Man nehme zweihundert Gramm Mehl und drei Eier.",
    "Weißt du, ob der Bäcker am Feiertag aufhat?",
    "Echt jetzt? Das hätte ich nicht gedacht.",
    "Der Hund muss noch raus, gehst du oder soll ich?",
    "Elektra hat angerufen, sie schafft es heute nicht.",
    "Mach dir keine Sorgen, das wird schon.",
    "Können wir bitte leiser reden, das Baby schläft.",
    "Spiel doch mal mit deiner Schwester, statt immer am Handy zu hängen.",
    "Ab morgen gilt auf der A7 eine Vollsperrung zwischen Hamburg und Hannover.",
    "Schalte bitte den Fernseher aus, wenn du ins Bett gehst.",
    "Zeig mal her, was hast du denn da gemalt?",
    "Okay, gut, dann machen wir das so.",
    "Die Aktie ist heute um fünf Prozent gefallen, sagen die Experten.",
)

# The wake word, as a German household says it to Google (spoken by espeak-ng).
GOOGLE_WAKE = ("Hey Google", "Okay Google")


def speak(text: str, voice: str = "de", wpm: int = 150) -> Samples | None:
    """16 kHz mono float32 samples of `text`, trimmed to 0.15 s around the speech."""
    if shutil.which("espeak-ng") is None or shutil.which("sox") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "raw.wav", Path(tmp) / "16k.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(wpm), "-w", str(raw), text],
                       check=True)
        subprocess.run(["sox", "-R", str(raw), "-c", "1", "-b", "16", str(out), "rate", "-h",
                        str(RATE)], check=True)
        with wave.open(str(out), "rb") as w:
            pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32)
    pcm /= 32768.0
    loud = np.flatnonzero(np.abs(pcm) > 0.01)
    if loud.size:
        keep = int(0.15 * RATE)
        pcm = pcm[max(0, loud[0] - keep): loud[-1] + keep]
    return np.ascontiguousarray(pcm, dtype=np.float32)


__all__ = ["COMMANDS", "GOOGLE_WAKE", "OVERHEARD", "RATE", "VOICES", "speak"]
