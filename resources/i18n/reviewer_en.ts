<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
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
</TS>
