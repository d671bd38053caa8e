<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
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
</TS>
