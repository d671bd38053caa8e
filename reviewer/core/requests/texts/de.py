"""Deutsche Brieftexte."""

from __future__ import annotations

from reviewer.core.requests.texts import LanguageTexts, LawTexts

_SCOPE = (
    "die oben aufgeführten Audioaufnahmen;",
    "sämtliche Transkripte dieser Aufnahmen, gleich ob automatisch oder von Menschen erstellt;",
    "alle daraus abgeleiteten Daten, etwa Einträge im Sprachverlauf, Annotationen und "
    "Bewertungen sowie Kopien, die zum Training, Testen oder zur Überprüfung der "
    "Spracherkennung aufbewahrt werden.",
)

GDPR = LawTexts(
    name="DSGVO",
    subject="Antrag auf Löschung von Sprachaufnahmen (Art. 17 DSGVO)",
    request="gemäß Art. 17 Abs. 1 der Datenschutz-Grundverordnung (DSGVO) verlange ich die "
            "unverzügliche Löschung der unten beschriebenen personenbezogenen Daten: "
            "Sprachaufnahmen aus meinem {vendor}-Konto, die mit {product} entstanden sind, "
            "sowie aller daraus abgeleiteten Daten.",
    grounds="Die Aufnahmen sind für die Zwecke, für die sie erhoben wurden, nicht mehr "
            "notwendig (Art. 17 Abs. 1 lit. a DSGVO). Soweit ihre Verarbeitung auf meiner "
            "Einwilligung beruht, widerrufe ich diese (Art. 7 Abs. 3, Art. 17 Abs. 1 lit. b "
            "DSGVO); soweit sie auf berechtigten Interessen beruht, widerspreche ich ihr "
            "(Art. 21 Abs. 1, Art. 17 Abs. 1 lit. c DSGVO).",
    scope_intro="Bitte löschen Sie:",
    scope=_SCOPE,
    scope_after="Das schließt Kopien bei Ihren Auftragsverarbeitern ein. Bitte teilen Sie die "
                "Löschung allen Empfängern mit, denen diese Daten offengelegt wurden "
                "(Art. 19 DSGVO).",
    deadline="Bitte bestätigen Sie mir die Löschung unverzüglich, in jedem Fall aber innerhalb "
             "eines Monats nach Eingang dieses Antrags (Art. 12 Abs. 3 DSGVO), also bis zum "
             "{due_date}. Diese Frist kann nur verlängert werden, wenn dies unter "
             "Berücksichtigung der Komplexität und der Anzahl von Anträgen erforderlich ist, "
             "und zwar um höchstens zwei weitere Monate; darüber und über die Gründe für die "
             "Verzögerung müssen Sie mich innerhalb eines Monats nach Eingang unterrichten. "
             "Werden Sie auf diesen Antrag hin nicht tätig, so unterrichten Sie mich bitte "
             "innerhalb eines Monats nach Eingang über die Gründe hierfür und über die "
             "Möglichkeit, bei einer Aufsichtsbehörde Beschwerde einzulegen "
             "(Art. 12 Abs. 4 DSGVO).",
    follow_up_subject="Erneuter Antrag auf Löschung von Sprachaufnahmen (Art. 17 DSGVO): mein "
                      "Antrag vom {first_date}",
    follow_up_reference="am {first_date} habe ich gemäß Art. 17 DSGVO die Löschung von "
                        "{first_count} Sprachaufnahmen aus meinem {vendor}-Konto verlangt.",
    follow_up_first_due="Die Monatsfrist zur Beantwortung dieses Antrags ist am {first_due} "
                        "abgelaufen (Art. 12 Abs. 3 DSGVO).",
    follow_up_repeat="Ich wiederhole meinen Antrag vom {first_date}, diese Aufnahmen, "
                     "sämtliche Transkripte und alle daraus abgeleiteten Daten, auch bei Ihren "
                     "Auftragsverarbeitern, zu löschen und mir die Löschung unverzüglich, "
                     "spätestens bis zum {due_date}, zu bestätigen (Art. 12 Abs. 3 DSGVO). "
                     "Bitte teilen Sie mir außerdem mit, weshalb sie nicht gelöscht wurden.",
    complaint="Sollten die Aufnahmen weiterhin nicht gelöscht werden, behalte ich mir vor, "
              "Beschwerde bei der zuständigen Aufsichtsbehörde einzulegen (Art. 77 DSGVO).",
    deadline_short="ein Monat (Art. 12 Abs. 3 DSGVO; mit Begründung um zwei weitere Monate "
                   "verlängerbar)",
)

CCPA = LawTexts(
    name="CCPA",
    subject="Antrag auf Löschung personenbezogener Informationen (California Consumer "
            "Privacy Act, Cal. Civ. Code § 1798.105)",
    request="ich wohne in Kalifornien. Gemäß § 1798.105 des California Civil Code (California "
            "Consumer Privacy Act, CCPA) verlange ich, dass Sie die unten beschriebenen "
            "personenbezogenen Informationen über mich löschen, die Sie bei mir erhoben haben: "
            "Sprachaufnahmen aus meinem {vendor}-Konto, die mit {product} entstanden sind, "
            "sowie alle daraus abgeleiteten Informationen.",
    grounds="Der CCPA gibt mir das Recht, diese Löschung ohne Angabe von Gründen zu verlangen "
            "(§ 1798.105(a)). Falls Sie meinen, dass für einzelne Datensätze eine Ausnahme "
            "nach § 1798.105(d) greift, nennen Sie mir bitte die Ausnahme und die betroffenen "
            "Datensätze und löschen Sie alle übrigen.",
    scope_intro="Bitte löschen Sie:",
    scope=_SCOPE,
    scope_after="Bitte weisen Sie außerdem Ihre Dienstleister (service providers, contractors) "
                "an, diese Informationen zu löschen, und benachrichtigen Sie alle Dritten, an "
                "die Sie sie verkauft oder weitergegeben haben (§ 1798.105(c)).",
    deadline="Bitte bestätigen Sie mir die Löschung innerhalb von 45 Kalendertagen nach Eingang "
             "dieses Antrags (Cal. Civ. Code § 1798.130(a)(2)), also bis zum {due_date}. Diese "
             "Frist kann nur einmal um weitere 45 Tage verlängert werden, wenn dies "
             "vernünftigerweise erforderlich ist und Sie mich innerhalb der ersten 45 Tage "
             "darüber informieren.",
    follow_up_subject="Erneuter Antrag auf Löschung personenbezogener Informationen (CCPA, "
                      "Cal. Civ. Code § 1798.105): mein Antrag vom {first_date}",
    follow_up_reference="am {first_date} habe ich gemäß Cal. Civ. Code § 1798.105 die Löschung "
                        "von {first_count} Sprachaufnahmen aus meinem {vendor}-Konto verlangt.",
    follow_up_first_due="Die Frist von 45 Tagen zur Beantwortung dieses Antrags ist am "
                        "{first_due} abgelaufen (Cal. Civ. Code § 1798.130(a)(2)).",
    follow_up_repeat="Ich wiederhole meinen Antrag vom {first_date}, diese Aufnahmen, "
                     "sämtliche Transkripte und alle daraus abgeleiteten Informationen zu "
                     "löschen, Ihre Dienstleister zu demselben anzuweisen und mir die Löschung "
                     "bis zum {due_date} zu bestätigen. Bitte teilen Sie mir außerdem mit, "
                     "weshalb sie nicht gelöscht wurden.",
    complaint="Sollten die Aufnahmen weiterhin nicht gelöscht werden, behalte ich mir vor, "
              "Beschwerde bei der California Privacy Protection Agency oder dem California "
              "Attorney General einzulegen.",
    deadline_short="45 Tage (Cal. Civ. Code § 1798.130(a)(2); einmal um 45 Tage verlängerbar)",
)

TEXTS = LanguageTexts(
    language="de",
    months=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
            "September", "Oktober", "November", "Dezember"),
    date_format="{day}. {month} {year}",
    vendors={"amazon": "Amazon", "google": "Google"},
    products={"amazon": "Alexa", "google": "Google Assistant"},
    recipient=("Datenschutz",),
    salutation="Sehr geehrte Damen und Herren,",
    closing="Mit freundlichen Grüßen",
    account="Mein {vendor}-Konto ist das Konto mit der E-Mail-Adresse {email}.",
    account_id=" In der von Ihnen bereitgestellten Datenauskunft trägt es die Kundennummer "
               "{account}.",
    email_missing="[E-Mail-Adresse Ihres Kontos]",
    name_missing="[Ihr Name]",
    table_intro="Betroffen sind die folgenden {count} Aufnahmen, mit Zeitpunkt in UTC, Gerät "
                "und Kennungen genau so, wie sie in der von Ihnen bereitgestellten "
                "Datenauskunft stehen.",
    approximate_note="Mit „ca.“ markierte Zeitpunkte sind in dieser Datenauskunft nur "
                     "ungefähr angegeben.",
    attachment="Dieselbe Liste liegt als CSV-Datei bei.",
    no_audio="Die Aufnahmen selbst füge ich nicht bei: Zeitpunkte und Kennungen stammen aus "
             "Ihrer eigenen Datenauskunft und bezeichnen die Aufnahmen in Ihren Systemen.",
    contact="Bitte antworten Sie an die oben genannte E-Mail-Adresse. Falls Sie meine "
            "Identität bestätigen müssen, tun Sie dies bitte über mein Konto, ohne weitere "
            "personenbezogene Daten anzufordern.",
    answered="Sie haben auf diesen Antrag am {answered_date} geantwortet.",
    evidence="Eine Datenauskunft zu meinem Konto, die ich nach diesem Antrag von Ihnen "
             "erhalten habe (eingelesen am {import_date}), enthält noch die folgenden {count} "
             "dieser Aufnahmen. Sie wurden also nicht gelöscht.",
    header_no="Nr.",
    header_time="Zeitpunkt (UTC)",
    header_local_time="Meine Ortszeit",
    header_device="Gerät",
    identifier_labels={"utteranceId": "utteranceId", "recordKey": "recordKey", "id": "ID",
                       "audio_file": "Audiodatei", "time": "time (Meine Aktivitäten)",
                       "title": "Titel (Meine Aktivitäten)"},
    approx="ca.",
    no_device="–",
    guidance={
        "amazon": (
            "Wohin damit: Melden Sie sich in Ihrem Amazon-Konto an, öffnen Sie im "
            "Kundenservice „Kontaktieren Sie uns“, wählen Sie das Thema Datenschutz bzw. "
            "persönliche Daten und fügen Sie den Brief dort ein; oder nutzen Sie den Kontakt "
            "für Datenschutzanfragen, den Amazons Datenschutzerklärung für Ihr Land nennt (in "
            "der EU nennt sie Amazons Datenschutzbeauftragten).",
            "Sie können diese Aufnahmen auch selbst löschen: in der Alexa-App oder in Ihrem "
            "Amazon-Konto unter Alexa-Datenschutz › Sprachaufnahmen überprüfen. Tun Sie das "
            "zusätzlich: Der Brief verlangt auch die Löschung von Transkripten und "
            "abgeleiteten Daten und eine Bestätigung.",
        ),
        "google": (
            "Wohin damit: Melden Sie sich in dem betroffenen Google-Konto an und nutzen Sie "
            "das Formular für Datenschutzanfragen, auf das Googles Datenschutzerklärung und "
            "die Datenschutz-Hilfe verweisen, und fügen Sie den Brief dort ein. Googles "
            "Datenschutzerklärung nennt auch, wie Sie den Datenschutzbeauftragten erreichen.",
            "Sie können diese Einträge auch selbst löschen, unter „Meine Aktivitäten“ "
            "(Google-Konto › Daten und Datenschutz). Tun Sie das zusätzlich: Der Brief "
            "verlangt auch die Löschung von Transkripten und abgeleiteten Daten und eine "
            "Bestätigung.",
        ),
    },
    guidance_common=(
        "Hängen Sie die CSV-Datei an, wenn das Formular oder die E-Mail Anhänge erlaubt. "
        "Senden Sie niemals die Aufnahmen selbst.",
        "Bewahren Sie eine Kopie auf und notieren Sie das Versanddatum: Die Frist läuft ab "
        "diesem Tag.",
    ),
    laws={"gdpr": GDPR, "ccpa": CCPA},
)
