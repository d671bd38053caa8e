"""Amazon Alexa voice-history exports ("Request Your Data" downloads and privacy-page JSON).

Amazon has shipped several layouts and documents none of them, so this importer recognises
things by what they contain rather than where they are or what they are called:

* audio is any file whose content is WAV, MP3, Ogg, FLAC, M4A or WebM (names lie: `.bin`,
  no extension at all);
* an index table is a CSV/TSV/JSON/HTML table with a time-like column that holds voice
  history: an utterance id or recordKey, a transcript under a name only speech has, an
  audio-file column, or a column named for voice/utterances/recordings. Weaker columns (a
  device, "text", a bare "id") count only when the file's path says voice history: a full
  "Request Your Data" download is full of timed tables with a device column (app updates,
  hunches, orders, a music account) that are not (`_classify_columns`);
* voice-history JSON is anything holding `customerHistoryRecords` (what the Alexa privacy
  pages serve), or the older `/api/activities` records (transcript inside `description`,
  device in `sourceDeviceIds`, account in `registeredCustomerId`);
* a transcript list (the 2018 download) is a text or HTML file under a voice-history name
  whose lines start with a time, or a PDF whose lines do (read with pypdf);
* every other file is "left out" (a `Problem` of severity `left_out`, counted by kind in the
  report), except the device-registration tables, read by `registered_devices`.

Every file of the export is judged this way, wherever it sits, so `Alexa.zip` alone, the
download's zips, a folder of them or the extracted folder give the same clips.

Audio is then joined to rows by the file name a row gives, by an identifier contained in the
audio's name, or by the nearest time in the audio's name (within `TIME_JOIN_TOLERANCE`, or
the whole minute for times written without seconds; same device when both are known; closest
pairs first; each audio at most once), and a PDF list's rows to numbered WAVs by order (and
by length when the list gives lengths). Audio joined to nothing is still imported on its
own, timed by its name or else with its time unknown (never its file date: in a zip that is
when the zip was packed). Everything doubtful becomes a `Problem`; bad input never raises.

What the records hold, beyond the obvious fields:

* `record_path` is the row: `<table>#row=N` (CSV/TSV and HTML tables, numbered as a
  spreadsheet shows them, header included), `<json>#record=N` (1-based), `<list>#line=N` or
  `<page>#item=N`; `source_path` is the joined audio's path, else the same as `record_path`
  (the convention of `ClipRecord`); audio joined to nothing has no `record_path`;
* `extra` holds every other column or field verbatim, plus `audio_join` ("name", "id",
  "time" or "order") when audio was joined, or `orphan_audio: True` and `time_source`
  ("file name", "unknown") for audio no row describes. History records keep all their fields except
  `voiceHistoryRecordItems`, which become `items` (verbatim), and `response_text` (the
  ALEXA_RESPONSE texts, else the TTS_REPLACEMENT_TEXT ones).
"""


from reviewer.core.importers.alexa.found import TIME_JOIN_TOLERANCE
from reviewer.core.importers.alexa.importer import AlexaImporter, importer

__all__ = ["TIME_JOIN_TOLERANCE", "AlexaImporter", "importer"]
