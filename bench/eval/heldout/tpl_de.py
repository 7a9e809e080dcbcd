"""German templates of the held-out corpus (same placeholder rules as ``tpl_en``)."""

PII = [
    ("email", """
        Von: {P.a} <{EMAIL.a}>
        Gesendet: {DATE} {TIME}
        An: {ROLEMAIL}
        Betreff: AW: Angebot {ORDER}

        Hallo {P.b:first},

        danke für die schnelle Rückmeldung. Kannst du meine Kollegin {P.c} ({EMAIL.c}) in CC nehmen? Ich bin ab dem {DATE} im Urlaub.

        Viele Grüße
        {P.a:first}

        --
        {P.a}
        Einkauf | {COMPANY}
        Tel.: {PHONE} | {URL}
    """),
    ("email", """
        Passt, ich bringe das unterschriebene Exemplar am Donnerstag vorbei.

        Am {DATE} um {TIME} schrieb {P.a} <{EMAIL.a}>:
        > Hallo {P.b:first},
        > der Mietvertrag für {ADDRESS} ist fertig. Bitte Seite 4 unterschreiben.
        > Kaution: Referenz {INVOICE}.
    """),
    ("email", """
        Betreff: Geänderte Bankverbindung

        Sehr geehrte Damen und Herren,

        bitte überweisen Sie den Betrag der Rechnung {INVOICE} ({AMOUNT}) ab sofort auf:
        IBAN: {IBAN}

        Rückfragen gern unter {PHONE}.

        Mit freundlichen Grüßen
        {P.a}
        Buchhaltung
    """),
    ("email", """
        Automatische Antwort: Ich bin bis zum {DATE} nicht im Büro. In dringenden Fällen wenden Sie sich bitte an {P.a} ({EMAIL.a}, {PHONE}).
    """),
    ("email", """
        Für die Auszahlung bitte die Adresse {BTC} verwenden. Das Formular liegt unter {URL}.
        Gruß
        {P.a:first}
    """),
    ("crm", """
        [{DATE}] Telefonat mit {P.a} ({COMPANY}): möchte auf 25 Lizenzen erweitern. Entscheider ist {P.b}. Wiedervorlage {DATE}. Durchwahl: {PHONE}.
    """),
    ("crm", """
        {P.a:LASTfirst} | Stammkunde | {CITY} | Tel. {PHONE} | bevorzugt E-Mail | Ehepartner: {P.b:first}
    """),
    ("crm", """
        Vor-Ort-Termin {DATE}
        Adresse: {ADDRESS}
        Anwesend: {P.a} (Betrieb), {P.b} (IT)
        Gateway {IPV4}, Controller-MAC {MAC}
    """),
    ("transcript", """
        [00:00:02] AGENT: {COMPANY}, Sie sprechen mit {P.a:first}. Wie ist Ihr Name?
        [00:00:05] ANRUFER: ja hallo, {P.b}
        [00:00:08] AGENT: Danke. Und Ihr Geburtsdatum?
        [00:00:11] ANRUFER: {DOB}
        [00:00:14] AGENT: Unter welcher Nummer erreichen wir Sie?
        [00:00:17] ANRUFER: {PHONE}
    """),
    ("transcript", """
        Mailbox ({TIME}): „Guten Tag, hier ist {P.a} von der Zahnarztpraxis. Ich rufe wegen des Termins von {P.b:first} am {DATE} an. Bitte rufen Sie uns unter {PHONE} zurück. Danke, auf Wiederhören.“
    """),
    ("form", """
        PATIENTENAUFNAHME
        Name: {P.a:LAST}
        Vorname: {P.a:first}
        Geburtsdatum: {DOB}
        Telefon: {PHONE}
        Anschrift: {ADDRESS}
        Hausarzt: Dr. {P.b:last}
    """),
    ("form", """
        LIEFERSCHEIN
        Empfänger: {P.a:upper}
        {ADDRESS}
        Tel.: {PHONE}
        Bestellnr.: {ORDER}
    """),
    ("form", """
        Kontoinhaber ....... {P.a:LASTfirst}
        IBAN ............... {IBAN}
        Unterschrift ....... __________
    """),
    ("log", """
        {TS} INFO auth Anmeldung ok benutzer={EMAIL} ip={IPV4}
        {TS} WARN auth 5 Fehlversuche benutzer={EMAIL} ip={IPV4}
    """),
    ("log", """
        {TS} ERROR Worker beendet; Umgebung:
        GITHUB_TOKEN={GHTOKEN}
        AWS_ACCESS_KEY_ID={AWSKEY}
        DB_PASSWORD={PASSWORD}
    """),
    ("table", """
        | Name | Funktion | E-Mail | Telefon |
        |---|---|---|---|
        | {P.a} | Standortleitung | {EMAIL.a} | {PHONE} |
        | {P.b} | Vertretung | {EMAIL.b} | {PHONE} |
    """),
    ("table", """
        | Zimmer | Patient | Fallnummer | Geburtsdatum |
        |---|---|---|---|
        | 12A | {P.a} | {MRN} | {DOB} |
        | 12B | {P.b} | {MRN} | {DOB} |
    """),
    ("list", """
        Einarbeitung - {P.a}
        - [x] Laptop ausgegeben
        - [x] Postfach angelegt: {EMAIL.a}
        - [ ] Gehalt: IBAN {IBAN}
        - [ ] Pate: {P.b:first}
    """),
    ("list", """
        Reise
        * Flug: {COUNTRY}, {DATE}
        * Hotel: {ADDRESS}
        * Handy von {P.a:first}: {PHONE}
    """),
    ("chat", "hi bin {P.a:lower} hab vor 2 wochen bestellt nr {ORDER} und nix kam an, meine mail ist {EMAIL.a}"),
    ("chat", "hab das pw {PASSWORD} dreimal eingegeben, account jetzt gesperrt??"),
    ("chat", "ist {P.a:firstlower} schon in {CITY} oder noch in {COUNTRY}??"),
    ("chat", "zweimal abgelehnt heute 🙄 karte {CARD}, liegt das an euch oder an der bank?"),
    ("clinical", """
        Sehr geehrte Frau Kollegin,

        wir überweisen {P.a}, geb. {DOB}, Fallnummer {MRN}, zur kardiologischen Abklärung. EKG vom {DATE} unauffällig. RR 140/90.

        Mit kollegialen Grüßen
        Dr. {P.b}
    """),
    ("clinical", """
        Telemedizin-Notiz {DATE}: Patientin {P.a} (Patienten-ID {PATID}), zugeschaltet aus {CITY}. Migräne 3x pro Woche.
    """),
    ("code", """
        Zugang zum Server {IPV4}: Benutzer admin, Passwort: {PASSWORD} (bitte ändern!)
    """),
    ("doc", """
        Hiermit bestätige ich, {P.a}, geboren am {DOB}, wohnhaft {ADDRESS}, die Richtigkeit der obigen Angaben.
    """),
    ("doc", """
        Fundsache an der Rezeption: eine Geldbörse mit einer Karte auf den Namen {P.a:upper}. Abholung oder Rückruf unter {PHONE}.
    """),
    ("email", """
        Backup des Bastion-Schlüssels (nach dem Import löschen):

        {PRIVKEY}

        -- {P.a:first}
    """),
    ("chat", "Der Bot-Token {SLACKTOKEN} stand im Wiki, bitte sperren."),
    ("crm", "Kunde {P.a}: Zahlung per Kreditkarte {CARD} am {DATE} freigegeben."),
    ("code", "API-Schlüssel für die Staging-Umgebung: {APIKEY} (nicht einchecken)"),
    ("form", """
        AUFNAHME
        Patient: {P.a:upper}
        Patienten-ID: {PATID}
        Geburtsdatum: {DOB}
    """),
]

NEG = [
    ("email", """
        Betreff: Wartungsfenster am {DATE}

        Hallo zusammen,

        die Abrechnung ist von {TIME} bis {TIME} wegen des Updates auf {VERSION} nicht erreichbar. Es ist nichts zu tun.

        Euer Plattform-Team
    """),
    ("email", """
        Ihre Rechnung {INVOICE} über {AMOUNT} steht im Kundenportal bereit. Fällig am {DATE}. Bestellung: {ORDER}.

        Ihr Kundenservice
    """),
    ("log", """
        {TS} INFO Planer job=nachtexport status=ok zeilen=48213 dauer={MS}ms
        {TS} WARN Planer Wiederholung 2/5 (Upstream 503)
    """),
    ("table", """
        | Version | Datum | p95-Latenz |
        |---|---|---|
        | {VERSION} | {DATE} | 212 ms |
        | {WINVER} | {DATE} | 198 ms |
    """),
    ("list", """
        Versionshinweise {VERSION}
        - Absturz beim Öffnen von config.yaml behoben
        - setup.py aktualisiert
        - Treiber {WINVER} erforderlich
    """),
    ("chat", "Super, danke! Bleibt es bei der Lieferung am {DATE}?"),
    ("chat", "Könnt ihr Bestellung {ORDER} prüfen? {AMOUNT} wurden doppelt abgebucht."),
    ("chat", "Gibt es für {PRODUCT} auch einen Studentenrabatt oder nur im Jahresabo?"),
    ("doc", """
        Testnummer {BADCARD}: muss an der Luhn-Prüfung scheitern. Fehlercode E4012.
    """),
    ("doc", """
        Rückerstattungen werden binnen 5 Werktagen bearbeitet. Umtausch ist 30 Tage lang möglich. Gewährleistung: zwei Jahre.
    """),
    ("clinical", """
        Standard: Paracetamol 1 g alle 6 h, max. 4 g/24 h. RR 130/85, HF 78. Kontrolle um {TIME}.
    """),
    ("form", """
        Name: ______________
        Telefon: ______________
        Nur für interne Zwecke - Ref. {ORDER}
    """),
    ("transcript", """
        AGENT: Danke fürs Warten. Bestellung {ORDER} ging am {DATE} raus.
        ANRUFER: Und die Erstattung?
        AGENT: Heute veranlasst, {AMOUNT}.
    """),
    ("doc", """
        Überweisung an {BADIBAN} abgelehnt: Prüfziffer ungültig. Bitte Empfänger prüfen.
    """),
    ("code", """
        Führe `pytest tests/test_mask.py` aus und passe config.yml und README.md vor dem Deployment von {VERSION} an.
    """),
    ("doc", "Der Koch empfiehlt heute Spargel. Der Bauer liefert am {DATE}, der Schneider kommt um {TIME}."),
    ("doc", "Gemäß DSGVO und den Empfehlungen des BSI werden Protokolle 13 Monate aufbewahrt. Modulversion: {WINVER}."),
    ("chat", "Frank und frei gesagt: die neue Oberfläche ist top. Aber Rechnung {INVOICE} zeigt {AMOUNT} statt {AMOUNT}."),
    ("log", """
        {TS} INFO Agent {WINVER} gestartet, PID 3381
        {TS} ERROR Anfrage {UUID} fehlgeschlagen: Zeitüberschreitung
    """),
    ("table", """
        | Art.-Nr. | Artikel | Menge | Preis |
        |---|---|---:|---:|
        | {NUM}-WS | {PRODUCT} | {QTY} | {AMOUNT} |
        | {NUM}-SW | {PRODUCT} | {QTY} | {AMOUNT} |
    """),
]
