"""English letter texts."""

from __future__ import annotations

from reviewer.core.requests.texts import LanguageTexts, LawTexts

_SCOPE = (
    "the audio recordings listed above;",
    "every transcript of them, whether made automatically or by people;",
    "all records derived from them, such as voice-history entries, annotations and labels, "
    "and copies kept for training, testing or reviewing speech recognition.",
)

GDPR = LawTexts(
    name="GDPR",
    subject="Request for erasure of voice recordings (Article 17 GDPR)",
    request="Under Article 17(1) of the General Data Protection Regulation (GDPR), I request "
            "the erasure, without undue delay, of the personal data described below: voice "
            "recordings of my {vendor} account made with {product}, and all data derived "
            "from them.",
    grounds="These recordings are no longer necessary in relation to the purposes for which "
            "they were collected (Art. 17(1)(a) GDPR). Insofar as their processing is based "
            "on my consent, I withdraw that consent (Art. 7(3) and Art. 17(1)(b) GDPR); "
            "insofar as it is based on legitimate interests, I object to it (Art. 21(1) and "
            "Art. 17(1)(c) GDPR).",
    scope_intro="Please erase:",
    scope=_SCOPE,
    scope_after="This includes copies held by your processors. Please communicate the erasure "
                "to every recipient to whom these data have been disclosed (Art. 19 GDPR).",
    deadline="Please confirm the erasure to me without undue delay and in any event within "
             "one month of receipt of this request (Art. 12(3) GDPR), that is by {due_date}. "
             "That period may be extended by two further months only where necessary, taking "
             "into account the complexity and number of requests; you must then inform me of "
             "the extension, together with the reasons for the delay, within one month of "
             "receipt. If you do not take action on this request, please inform me within one "
             "month of receipt of the reasons for not taking action and of the possibility of "
             "lodging a complaint with a supervisory authority (Art. 12(4) GDPR).",
    follow_up_subject="Repeated request for erasure of voice recordings (Article 17 GDPR): my "
                      "request of {first_date}",
    follow_up_reference="On {first_date} I requested, under Article 17 GDPR, the erasure of "
                        "{first_count} voice recordings of my {vendor} account.",
    follow_up_first_due="The one-month period for answering that request ended on {first_due} "
                        "(Art. 12(3) GDPR).",
    follow_up_repeat="I repeat my request of {first_date} to erase these recordings, every "
                     "transcript of them and all records derived from them, including copies "
                     "held by your processors, and to confirm the erasure to me without undue "
                     "delay, at the latest by {due_date} (Art. 12(3) GDPR). Please also tell me "
                     "why they were not erased.",
    complaint="Should the recordings still not be erased, I reserve the right to lodge a "
              "complaint with the competent supervisory authority (Art. 77 GDPR).",
    deadline_short="one month (Art. 12(3) GDPR; extendable by two further months with reasons)",
)

CCPA = LawTexts(
    name="CCPA",
    subject="Request to delete personal information (California Consumer Privacy Act, "
            "Cal. Civ. Code § 1798.105)",
    request="I am a California resident. Under section 1798.105 of the California Civil Code "
            "(California Consumer Privacy Act, CCPA), I request that you delete the personal "
            "information about me that you have collected from me and that is described "
            "below: voice recordings of my {vendor} account made with {product}, and all "
            "information derived from them.",
    grounds="The CCPA gives me the right to have this information deleted without stating a "
            "reason (§ 1798.105(a)). If you consider that an exception in § 1798.105(d) "
            "applies to any of these records, please name the exception and the records it "
            "concerns, and delete all the others.",
    scope_intro="Please delete:",
    scope=_SCOPE,
    scope_after="Please also notify your service providers and contractors to delete this "
                "information, and notify any third parties to whom you have sold or shared it "
                "(§ 1798.105(c)).",
    deadline="Please confirm the deletion within 45 calendar days of receiving this request "
             "(Cal. Civ. Code § 1798.130(a)(2)), that is by {due_date}. That period may be "
             "extended once by an additional 45 days only when reasonably necessary, and only "
             "if you inform me of the extension within the first 45 days.",
    follow_up_subject="Repeated request to delete personal information (CCPA, "
                      "Cal. Civ. Code § 1798.105): my request of {first_date}",
    follow_up_reference="On {first_date} I requested, under Cal. Civ. Code § 1798.105, the "
                        "deletion of {first_count} voice recordings of my {vendor} account.",
    follow_up_first_due="The 45-day period for responding to that request ended on "
                        "{first_due} (Cal. Civ. Code § 1798.130(a)(2)).",
    follow_up_repeat="I repeat my request of {first_date} to delete these recordings, every "
                     "transcript of them and all information derived from them, to direct your "
                     "service providers and contractors to do the same, and to confirm the "
                     "deletion to me by {due_date}. Please also tell me why they were not "
                     "deleted.",
    complaint="Should the recordings still not be deleted, I reserve the right to file a "
              "complaint with the California Privacy Protection Agency or the California "
              "Attorney General.",
    deadline_short="45 days (Cal. Civ. Code § 1798.130(a)(2); extendable once by 45 days)",
)

TEXTS = LanguageTexts(
    language="en",
    months=("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"),
    date_format="{day} {month} {year}",
    vendors={"amazon": "Amazon", "google": "Google"},
    products={"amazon": "Alexa", "google": "Google Assistant"},
    recipient=("Data protection / privacy team",),
    salutation="Dear Sir or Madam,",
    closing="Yours faithfully,",
    account="My {vendor} account is the one registered to the e-mail address {email}.",
    account_id=" The data export you provided names it with the customer ID {account}.",
    email_missing="[the e-mail address of your account]",
    name_missing="[your name]",
    table_intro="The recordings concerned ({count}) are listed below with their time in UTC, "
                "the device and the identifiers exactly as they appear in the data export you "
                "provided to me.",
    approximate_note="Times marked “approx.” are given only approximately in that export.",
    attachment="The same list is enclosed as a CSV file.",
    no_audio="I am not enclosing the recordings themselves: the times and identifiers above "
             "come from your own data export and identify the recordings in your systems.",
    contact="Please send your reply to the e-mail address above. If you need to confirm my "
            "identity, please do so through my account rather than by asking for further "
            "personal data.",
    answered="You replied to that request on {answered_date}.",
    evidence="A data export of my account that I obtained from you after that request "
             "(imported on {import_date}) still contains the following {count} of those "
             "recordings. They have therefore not been erased.",
    header_no="No.",
    header_time="Time (UTC)",
    header_local_time="My local time",
    header_device="Device",
    identifier_labels={"utteranceId": "utteranceId", "recordKey": "recordKey", "id": "ID",
                       "audio_file": "Audio file", "time": "time (My Activity)",
                       "title": "Title (My Activity)"},
    approx="approx.",
    no_device="–",
    guidance={
        "amazon": (
            "Where to send it: sign in to your Amazon account and use Amazon's customer "
            "service “Contact us” pages, choosing the topic about privacy or your personal "
            "data, and paste the letter there; or use the contact for data protection "
            "requests that Amazon's Privacy Notice for your country names (in the EU it names "
            "Amazon's data protection officer).",
            "You can also delete these recordings yourself under Alexa Privacy › Review Voice "
            "History in the Alexa app or your Amazon account. Do that as well: the letter "
            "also asks for transcripts and derived records to be erased, and for a "
            "confirmation.",
        ),
        "google": (
            "Where to send it: sign in to the Google Account concerned and use the form for "
            "privacy and data protection requests that Google's Privacy Policy and Privacy "
            "Help Center link to, and paste the letter there. Google's Privacy Policy also "
            "says how to reach its data protection office.",
            "You can also delete these entries yourself in My Activity (Google Account › Data "
            "& privacy). Do that as well: the letter also asks for transcripts and derived "
            "records to be erased, and for a confirmation.",
        ),
    },
    guidance_common=(
        "Attach the CSV file if the form or e-mail allows attachments. Never send the "
        "recordings themselves.",
        "Keep a copy of what you sent, and note the date: the deadline runs from it.",
    ),
    laws={"gdpr": GDPR, "ccpa": CCPA},
)
