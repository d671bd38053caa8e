<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>DeleteDialog</name>
    <message numerus="yes">
        <source>&lt;b&gt;Delete %n recording(s) from this library?&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;Delete %n recording from this library?&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;Delete %n recordings from this library?&lt;/b&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeleteExport</name>
    <message numerus="yes">
        <source>Deleted %n clip(s) permanently</source>
        <translation>
            <numerusform>Deleted %n clip permanently</numerusform>
            <numerusform>Deleted %n clips permanently</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n clip(s) to the trash</source>
        <translation>
            <numerusform>Deleted %n clip to the trash</numerusform>
            <numerusform>Deleted %n clips to the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, and from %n export file(s)</source>
        <translation>
            <numerusform>, and from %n export file</numerusform>
            <numerusform>, and from %n export files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n clip(s).</source>
        <translation>
            <numerusform>Restored %n clip.</numerusform>
            <numerusform>Restored %n clips.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put back %n export file(s).</source>
        <translation>
            <numerusform>Put back %n export file.</numerusform>
            <numerusform>Put back %n export files.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n clip(s) to %1</source>
        <translation>
            <numerusform>Exported %n clip to %1</numerusform>
            <numerusform>Exported %n clips to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) had no recording in the export; they are in the list without a file.</source>
        <translation>
            <numerusform>%n clip had no recording in the export; it is in the list without a file.</numerusform>
            <numerusform>%n clips had no recording in the export; they are in the list without a file.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>&lt;b&gt;Export %n clip(s)&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;Export %n clip&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;Export %n clips&lt;/b&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message numerus="yes">
        <source>%n clip(s) finished</source>
        <translation>
            <numerusform>%n clip finished</numerusform>
            <numerusform>%n clips finished</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) rolled back</source>
        <translation>
            <numerusform>%n clip rolled back</numerusform>
            <numerusform>%n clips rolled back</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s): the undo was finished</source>
        <translation>
            <numerusform>%n clip: the undo was finished</numerusform>
            <numerusform>%n clips: the undo was finished</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s): the undo was reverted</source>
        <translation>
            <numerusform>%n clip: the undo was reverted</numerusform>
            <numerusform>%n clips: the undo was reverted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) {action}</source>
        <translation>
            <numerusform>%n clip {action}</numerusform>
            <numerusform>%n clips {action}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{status}; %n problem(s) in the import report</source>
        <translation>
            <numerusform>{status}; %n problem in the import report</numerusform>
            <numerusform>{status}; %n problems in the import report</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>about %n minute</numerusform>
            <numerusform>about %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; for the %Ln clips here it will take {time} on this computer</source>
        <translation>
            <numerusform>; for the %Ln clip here it will take {time} on this computer</numerusform>
            <numerusform>; for the %Ln clips here it will take {time} on this computer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) you asked the vendor to delete{sent} are still in this export. A follow-up letter citing your first request has been drafted.</source>
        <translation>
            <numerusform>%n recording you asked the vendor to delete{sent} is still in this export. A follow-up letter citing your first request has been drafted.</numerusform>
            <numerusform>%n recordings you asked the vendor to delete{sent} are still in this export. A follow-up letter citing your first request has been drafted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This deletes the %n clip(s) that only this import brought in</source>
        <translation>
            <numerusform>This deletes the %n clip that only this import brought in</numerusform>
            <numerusform>This deletes the %n clips that only this import brought in</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n more are in other imports too and stay)</source>
        <translation>
            <numerusform> (%n more is in other imports too and stays)</numerusform>
            <numerusform> (%n more are in other imports too and stay)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message numerus="yes">
        <source>%n problem(s) — everything else was imported:</source>
        <translation>
            <numerusform>%n problem — everything else was imported:</numerusform>
            <numerusform>%n problems — everything else was imported:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not voice history, left out: %n file(s) ({kinds})</source>
        <translation>
            <numerusform>Not voice history, left out: %n file ({kinds})</numerusform>
            <numerusform>Not voice history, left out: %n files ({kinds})</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>All %n %1 clip(s) deleted</source>
        <translation>
            <numerusform>All %n %1 clip deleted</numerusform>
            <numerusform>All %n %1 clips deleted</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestsDialog</name>
    <message numerus="yes">
        <source>Overdue by %n day(s)</source>
        <translation>
            <numerusform>Overdue by %n day</numerusform>
            <numerusform>Overdue by %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent — %n day(s) left</source>
        <translation>
            <numerusform>Sent — %n day left</numerusform>
            <numerusform>Sent — %n days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still there</source>
        <translation>
            <numerusform>%n still there</numerusform>
            <numerusform>%n still there</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s)</source>
        <translation>
            <numerusform>%n recording</numerusform>
            <numerusform>%n recordings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n marked clip(s) cannot be requested from a vendor (e.g. {example}).</source>
        <translation>
            <numerusform>%n marked clip cannot be requested from a vendor (e.g. {example}).</numerusform>
            <numerusform>%n marked clips cannot be requested from a vendor (e.g. {example}).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewJobs</name>
    <message numerus="yes">
        <source>Tested on %Ln of your decisions the fit never saw:</source>
        <translation>
            <numerusform>Tested on %Ln of your decisions the fit never saw:</numerusform>
            <numerusform>Tested on %Ln of your decisions the fit never saw:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message numerus="yes">
        <source>%n not transcribed yet</source>
        <translation>
            <numerusform>%n not transcribed yet</numerusform>
            <numerusform>%n not transcribed yet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message numerus="yes">
        <source>%Ln recording(s)</source>
        <translation>
            <numerusform>%Ln recording</numerusform>
            <numerusform>%Ln recordings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message numerus="yes">
        <source>%Ln recording(s)</source>
        <translation>
            <numerusform>%Ln recording</numerusform>
            <numerusform>%Ln recordings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Triage</name>
    <message numerus="yes">
        <source>%Ln clip(s) selected</source>
        <translation>
            <numerusform>%Ln clip selected</numerusform>
            <numerusform>%Ln clips selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s): your copy to be deleted (accidental)</source>
        <translation>
            <numerusform>%n clip: your copy to be deleted (accidental)</numerusform>
            <numerusform>%n clips: your copies to be deleted (accidental)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n will be in a deletion request (R: no)</source>
        <translation>
            <numerusform>; it will be in a deletion request (R: no)</numerusform>
            <numerusform>; %n will be in a deletion request (R: no)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s): keep your copy</source>
        <translation>
            <numerusform>%n clip: keep your copy</numerusform>
            <numerusform>%n clips: keep your copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s): undecided again</source>
        <translation>
            <numerusform>%n clip: undecided again</numerusform>
            <numerusform>%n clips: undecided again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) will be in a deletion request</source>
        <translation>
            <numerusform>%n clip will be in a deletion request</numerusform>
            <numerusform>%n clips will be in a deletion request</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) taken out of the next deletion request</source>
        <translation>
            <numerusform>%n clip taken out of the next deletion request</numerusform>
            <numerusform>%n clips taken out of the next deletion request</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Undid the decision on %n clip(s)</source>
        <translation>
            <numerusform>Undid the decision on %n clip</numerusform>
            <numerusform>Undid the decision on %n clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them not in this list</source>
        <translation>
            <numerusform>%n of them not in this list</numerusform>
            <numerusform>%n of them not in this list</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Voices</name>
    <message numerus="yes">
        <source>%n clip(s) with a voice analysed</source>
        <translation>
            <numerusform>%n clip with a voice analysed</numerusform>
            <numerusform>%n clips with a voice analysed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n too short to judge</source>
        <translation>
            <numerusform>%n too short to judge</numerusform>
            <numerusform>%n too short to judge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n still to analyse</source>
        <translation>
            <numerusform>%n still to analyse</numerusform>
            <numerusform>%n still to analyse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in no voice (one-off voices such as the TV)</source>
        <translation>
            <numerusform>%n in no voice (one-off voices such as the TV)</numerusform>
            <numerusform>%n in no voice (one-off voices such as the TV)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message numerus="yes">
        <source>Copied %n transcript(s)</source>
        <translation>
            <numerusform>Copied %n transcript</numerusform>
            <numerusform>Copied %n transcripts</numerusform>
        </translation>
    </message>
</context>
</TS>
