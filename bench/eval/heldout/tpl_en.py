"""English templates of the held-out corpus: ``(kind, template)`` pairs.

Placeholders: see ``build_heldout.PLACEHOLDERS``. ``{P.a}`` is person *a* (full name),
``{P.a:first}`` / ``:last`` / ``:upper`` / ``:lower`` / ``:firstlower`` / ``:lastfirst`` /
``:LASTfirst`` / ``:LAST`` / ``:initial`` other renderings of the same person, ``{EMAIL.a}``
an address made from *a*'s name. Fixed template text holds no PII of its own: every name,
place, number or secret that is PII is a placeholder, so it is labeled.
"""

PII = [
    # ------------------------------------------------------------------ e-mail threads
    ("email", """
        From: {P.a} <{EMAIL.a}>
        Sent: {DATE} {TIME}
        To: {ROLEMAIL}
        Subject: RE: quote {ORDER}

        Hi {P.b:first},

        Thanks for the quick turnaround. Could you send the revised quote to my colleague {P.c} ({EMAIL.c}) as well? I'm on leave from {DATE}.

        Best,
        {P.a:first}

        --
        {P.a}
        Procurement Lead | {COMPANY}
        m: {PHONE} | {URL}
    """),
    ("email", """
        Sounds good, I'll bring the signed copy on Thursday.

        On {DATE}, at {TIME}, {P.a} <{EMAIL.a}> wrote:
        > Hi {P.b:first},
        > the lease renewal for {ADDRESS} is ready. Please sign page 4 and
        > initial page 7. Deposit reference {INVOICE}.
        > Cheers, {P.a:first}
    """),
    ("email", """
        Subject: Updated bank details - urgent

        Dear {P.a:first},

        Please note our bank details have changed with immediate effect. Kindly remit invoice {INVOICE} ({AMOUNT}) to:

        Account name: {COMPANY}
        IBAN: {IBAN}

        Any questions, call me directly on {PHONE}.

        Regards,
        {P.b}
        Finance Manager
    """),
    ("email", """
        Automatic reply: Out of office

        I'm away until {DATE} with limited access to email. For anything urgent please contact {P.a} at {EMAIL.a} or on {PHONE}.
    """),
    ("email", """
        Hi {P.a:first},

        Great speaking with you earlier. As discussed, the offer letter is attached. For the background check we'll need your SSN ({SSN}) and current address - I have {ADDRESS} on file, let me know if that has changed.

        Warmly,
        {P.b}
        Talent Partner, {COMPANY}
        {URL}
    """),
    ("email", """
        ---------- Forwarded message ---------
        From: {P.a:upper} <{EMAIL.a}>
        Date: {DATE}
        Subject: travel docs
        To: {P.b} <{EMAIL.b}>

        Passport no. {PASSPORT}, expiry {DATE}. Flight lands in {CITY} at {TIME}.
    """),
    ("email", """
        Subject: [SECURITY] leaked credential in repo

        Team,

        Our scanner flagged a GitHub token committed in deploy/ci.env at {SHA:short}:

            GITHUB_TOKEN={GHTOKEN}

        {P.a:first}, please revoke it and rotate the deploy key before {TIME}. The push came from a runner at {IPV4}.

        - {P.b}, Security Engineering
    """),
    ("email", """
        Re: card on file

        > The card we have on file ends in 4417. If you want to switch to the corporate card, reply with the full number.

        new one is {CARD}, exp 11/27. thx {P.a:firstlower}!
        {P.b:first}
    """),
    ("email", """
        Hi {P.a:first},

        You're now subscribed with {EMAIL.a}. Manage your preferences here: {URL}.

        If this wasn't you, reply STOP or call {PHONE}.
    """),
    ("email", """
        Dear Mr {P.a:last},

        Following the check-out inspection at {ADDRESS:uk} on {DATE}, the deposit of {AMOUNT} will be returned to the account ending 0932 within 10 working days.

        Yours sincerely,

        {P.b}
        Lettings Negotiator
        Tel: {PHONE:uk}
    """),
    ("email", """
        Subject: Sync with {P.a:first} re: migration

        Join: {URL}
        Dial-in: {PHONE:us}, access code 883 1029 47#

        Agenda: cut-over of the database host from {IPV4} to {IPV6}, then DNS.
    """),
    ("email", """
        Hello,

        I'm writing on behalf of my father, {P.a}, born {DOB}, whose claim {TICKET} is still open. His policy address is {ADDRESS}. You can reach me at {EMAIL.b} or {PHONE}.

        Thank you,
        {P.b}
    """),
    ("email", """
        Subject: payout address

        Hey {P.a:first} - for the bounty payout please use {BTC} (BTC only, no other chains). Thanks again for triaging so fast!
        {P.b:firstlower}
    """),
    ("email", """
        Hi all,

        Welcome {P.a} to the data team! {P.a:first} joins us from {COMPANY} in {CITY} and will sit with {P.b:first} on the 3rd floor. Say hi at {EMAIL.a}.

        Cheers,
        {P.c:first}
        Sent from my iPhone
    """),
    # ------------------------------------------------------------------ CRM notes
    ("crm", """
        [{DATE}] Call w/ {P.a} ({COMPANY}) - wants to go to 50 seats. Decision maker is her manager, {P.b}. Follow up {DATE}. Direct line: {PHONE}.
    """),
    ("crm", """
        Account: {COMPANY}
        Owner: {P.a:initial}
        Stage: Negotiation
        Notes:
        - {DATE}: {P.b:first} asked for net-60 terms; finance said no.
        - {DATE}: sent MSA v3 to {EMAIL.b}
        - champion moved to the {CITY} office, new mobile {PHONE}
    """),
    ("crm", """
        Lead source: webinar | Contact: {P.a:lower} | email {EMAIL.a} | tz: GMT+1 | notes: asked about SOC 2, EU hosting, SSO. Prefers calls after {TIME}.
    """),
    ("crm", """
        Spoke to Mrs. {P.a:last} - renewal at risk. Complaint re: invoice {INVOICE} (charged twice, {AMOUNT}). Refund to card {CARD} approved by {P.b:first}. Callback promised by Friday.
    """),
    ("crm", """
        Visit report {DATE}
        Site: {ADDRESS:us}
        Met: {P.a} (ops), {P.b} (IT)
        Network: gateway {IPV4}, controller MAC {MAC}
        Next: quote for 12 APs, send to {EMAIL.a}
    """),
    ("crm", """
        NOTE by {P.a:first} @ {TIME}: customer says she was born {DOB} and the date on the account is wrong. ID verified against passport {PASSPORT}. Updated.
    """),
    ("crm", """
        Churn risk: HIGH. {P.a} (CFO) wrote from a personal address, {EMAIL.a}, asking for a full data export. Do NOT share credentials; the last admin password reset was {DATE}.
    """),
    ("crm", """
        {P.a:LASTfirst} | VIP | {COUNTRY} | lang: FR/EN | ph {PHONE} | prefers WhatsApp | spouse {P.b:first} is also a client
    """),
    ("crm", """
        Deal desk: wire received from {P.a}, IBAN {IBAN}, ref {ORDER}. Amount {AMOUNT} matches the PO. Marked closed-won.
    """),
    ("crm", """
        Delivery contact: {P.a:first} ({PHONE}). Loading bay is at the rear of {STREET}; it closes at {TIME}.
    """),
    # ------------------------------------------------------------------ call transcripts
    ("transcript", """
        [00:00:02] AGENT: Thanks for calling {COMPANY} support, you're speaking with {P.a:first}. Who do I have the pleasure of speaking with?
        [00:00:06] CALLER: hi yeah it's {P.b}
        [00:00:08] AGENT: Thanks, {P.b:first}. Can you confirm the phone number on the account?
        [00:00:12] CALLER: {PHONE}
        [00:00:15] AGENT: And your date of birth?
        [00:00:17] CALLER: {DOB}
    """),
    ("transcript", """
        Speaker 1 ({P.a:first}): so the box at {IPV4} is the one that keeps dropping
        Speaker 2: which one, the NAS?
        Speaker 1 ({P.a:first}): yeah. the MAC ends in 4F, full one is {MAC}
        Speaker 2: ok I'll pin it in DHCP
    """),
    ("transcript", """
        {P.a:first}: Okay, recording started. This is the weekly standup, {DATE}.
        {P.b:first}: I'm still blocked on the VPN. My laptop gets {IPV6} but can't reach anything.
        {P.a:first}: {P.c:first}, can you look at that after the call?
        {P.c:first}: Sure.
    """),
    ("transcript", """
        AGENT: For security, can you read me the long number on the card?
        CUSTOMER: it's {CARD}
        AGENT: Thank you. And the name as it appears on the card?
        CUSTOMER: {P.a:upper}
        AGENT: Thanks. I can see a pending charge of {AMOUNT} from yesterday.
    """),
    ("transcript", """
        Voicemail from {PHONE} ({TIME}, 0:42): "Hi, this is {P.a} from the dental office, calling for {P.b:first} to confirm the appointment on {DATE}. Please call us back on {PHONE}. Thanks, bye."
    """),
    ("transcript", """
        Agent: I'll need your taxpayer number to find the return.
        Caller: I don't have a social, I use my ITIN, {ITIN}.
        Agent: Got it. And the names on the return?
        Caller: {P.a}, and my spouse {P.b}.
    """),
    ("transcript", """
        INTERVIEWER: Where did you grow up?
        {P.a:upper}: Mostly in {CITY}, then we moved to {COUNTRY} when I was twelve.
        INTERVIEWER: And you were born...?
        {P.a:upper}: On {DOB}, in the same hospital as my mother.
    """),
    ("transcript", """
        [call 4 of 6]
        Rep: Can I get the driver's license number for the additional driver?
        Caller: yeah, {DL}
        Rep: And their full name?
        Caller: {P.a}. It's spelled like it sounds.
    """),
    ("transcript", """
        Tech: What password are you typing?
        User: {PASSWORD}, I think
        Tech: OK, don't read it out again. I'm resetting it now; the temporary one goes to {EMAIL}.
    """),
    # ------------------------------------------------------------------ forms
    ("form", """
        NEW PATIENT INTAKE
        Name: {P.a:upper}
        DOB: {DOB}
        Tel: {PHONE}
        Email: {EMAIL.a}
        Address: {ADDRESS}
        Emergency contact: {P.b} / {PHONE}
        Referred by: Dr. {P.c:last}
    """),
    ("form", """
        Full name ........ {P.a:LASTfirst}
        Date of birth .... {DOB}
        SSN .............. {SSN}
        Employer ......... {COMPANY}
        Signature ........ ______________
    """),
    ("form", """
        DIRECT DEPOSIT AUTHORIZATION
        Employee: {P.a}
        Employee ID: E-{NUM}
        Bank account no.: {BANKACCT}
        Account type: [x] Checking  [ ] Savings
    """),
    ("form", """
        SHIP TO:
        {P.a:upper}
        {ADDRESS:us}
        PH: {PHONE:us}
        REF: {ORDER}   WT: 2.4 lb
    """),
    ("form", """
        Driver 1: {P.a}   Lic#: {DL}   DOB: {DOB}
        Driver 2: {P.b}   Lic#: {DL}   DOB: {DOB}
        Vehicle: compact, pickup {DATE} {TIME}
    """),
    ("form", """
        Payee name: {P.a}
        TIN type: ITIN
        TIN: {ITIN}
        Mailing address: {ADDRESS:us}
    """),
    ("form", """
        GUEST REGISTRATION
        Surname: {P.a:LAST}
        Given name(s): {P.a:first}
        Passport No: {PASSPORT}
        Arriving from: {CITY}
        Room: 412   Nights: 3
    """),
    ("form", """
        Form submission #{NUM}
        name=>{P.a}
        email=>{EMAIL.a}
        phone=>{PHONE}
        message=>hi, pls call back re order {ORDER}, thx
        ip=>{IPV4}
    """),
    ("form", """
        AUTHORIZATION TO RELEASE RECORDS
        Patient name: {P.a}      Patient ID: {PATID}
        Date of birth: {DOB}     MRN: {MRN}
        Release to: {P.b}, {ADDRESS}
    """),
    ("form", """
        Applicant: {P.a:upper}
        SSN: {SSN}
        Annual income: {AMOUNT}
        Card for the application fee: {CARD}
        Previous address (if less than 2 yrs): {ADDRESS}
    """),
    # ------------------------------------------------------------------ log lines
    ("log", """
        {TS} INFO  auth  login ok user={EMAIL} src={IPV4}
        {TS} WARN  auth  5 failed attempts user={EMAIL} src={IPV4}
        {TS} INFO  auth  mfa code sent to {PHONE}
    """),
    ("log", """
        {IPV4} - - [12/Mar/2025:08:14:22 +0000] "GET /api/v2/orders/{NUM}?email={EMAIL} HTTP/1.1" 200 512 "-" "Mozilla/5.0"
        {IPV6} - - [12/Mar/2025:08:14:25 +0000] "POST /login HTTP/1.1" 302 0 "-" "curl/8.4.0"
    """),
    ("log", """
        {TS} DEBUG checkout payload={"customer":"{P.a}","dob":"{DOB:iso}","card":"{CARD}","total":"{AMOUNT}"}
    """),
    ("log", """
        {TS} dhcpd: DHCPREQUEST for {IPV4} from {MAC} via eth0
        {TS} dhcpd: DHCPACK on {IPV4} to {MAC} via eth0
    """),
    ("log", """
        {TS} ERROR worker crashed; environment follows
        AWS_ACCESS_KEY_ID={AWSKEY}
        AWS_REGION=eu-west-1
        SLACK_BOT_TOKEN={SLACKTOKEN}
        DB_PASSWORD={PASSWORD}
    """),
    ("log", """
        [{TS}] payment.failed customer="{P.a}" card={CARD} reason=do_not_honor attempt=2
    """),
    ("log", """
        {TS} audit actor={EMAIL} action=export_patients count=214 ip={IPV4}
        {TS} audit actor={EMAIL} action=view_record mrn={MRN} patient={PATID}
    """),
    ("log", """
        $ kubectl logs api-7c9f -n prod | tail -3
        {TS} INFO using api key {APIKEY}
        {TS} INFO connected to {IPV4}:5432
        {TS} WARN retrying request {UUID}
    """),
    # ------------------------------------------------------------------ markdown tables
    ("table", """
        | Name | Role | Email | Phone |
        |---|---|---|---|
        | {P.a} | Site lead | {EMAIL.a} | {PHONE} |
        | {P.b} | Backup | {EMAIL.b} | {PHONE} |
        | {P.c} | Facilities | {EMAIL.c} | ext. {EXT} |
    """),
    ("table", """
        | Employee | Bank | IBAN | Amount |
        |---|---|---|---:|
        | {P.a:LASTfirst} | HSBC | {IBAN} | {AMOUNT} |
        | {P.b:LASTfirst} | Revolut | {IBAN} | {AMOUNT} |
    """),
    ("table", """
        | Hostname | IP | MAC | Owner |
        |---|---|---|---|
        | ws-0142 | {IPV4} | {MAC} | {P.a:first} |
        | ws-0143 | {IPV4} | {MAC} | {P.b:first} |
        | printer-2f | {IPV4} | {MAC} | - |
    """),
    ("table", """
        | Bed | Patient | MRN | DOB | Attending |
        |---|---|---|---|---|
        | 4A | {P.a} | {MRN} | {DOB} | Dr {P.c:last} |
        | 4B | {P.b} | {MRN} | {DOB} | Dr {P.c:last} |
    """),
    ("table", """
        | Attendee | From | Dietary |
        |---|---|---|
        | {P.a} | {CITY} | vegetarian |
        | {P.b} | {CITY} | none |
        | {P.c} | {COUNTRY} | halal |
    """),
    ("table", """
        | Service | Key | Rotated |
        |---|---|---|
        | S3 backup | {AWSKEY} | {DATE} |
        | CI | {GHTOKEN} | {DATE} |
        | Alerts bot | {SLACKTOKEN} | {DATE} |
    """),
    ("table", """
        | Supplier | Contact | Card on file |
        |---|---|---|
        | {COMPANY} | {P.a} | {CARD} |
        | {COMPANY} | {P.b} | ending 7731 |
    """),
    # ------------------------------------------------------------------ bullet lists
    ("list", """
        Onboarding - {P.a}
        - [x] laptop issued (asset SN-{NUM})
        - [x] mailbox created: {EMAIL.a}
        - [ ] payroll: IBAN {IBAN}
        - [ ] badge photo
        - [ ] buddy: {P.b:first}
    """),
    ("list", """
        Trip notes
        * flight to {CITY} on {DATE}
        * hotel: {ADDRESS}
        * {P.a:first}'s mobile {PHONE}
        * passport {PASSPORT} (renew before next year!)
    """),
    ("list", """
        Minutes - vendor review ({DATE})
        Attendees: {P.a}, {P.b}, {P.c:initial}
        1. {P.b:first} presented Q3 numbers; churn {PCT}.
        2. Action: {P.a:first} to email {EMAIL.c} about the contract.
        3. Next review in {CITY}.
    """),
    ("list", """
        Emergency contacts
        • {P.a} (spouse) - {PHONE}
        • {P.b} (neighbour) - {PHONE}
        • GP: Dr. {P.c:last}, {STREET}
    """),
    ("list", """
        Incident timeline
        - {TIME} alert fired on {IPV4}
        - {TIME} {P.a:first} paged; acked from {IPV6}
        - {TIME} root cause: expired cert, renewed by {P.b:first}
        - {TIME} resolved
    """),
    ("list", """
        Things I still need from you:
        1. a copy of your DL (the one on file, {DL}, has expired)
        2. SSN card - number on file {SSN}
        3. a voided check for account {BANKACCT}
    """),
    ("list", """
        about me
        - name: {P.a:lower}
        - born {DOB} in {CITY}
        - site: {URL:profile}
        - tips: {BTC}
    """),
    ("list", """
        Moving checklist
        1. Forward mail from {ADDRESS} to {ADDRESS}
        2. Update the address with the bank (acct {BANKACCT})
        3. Tell {P.a:first} the new wifi password: {PASSWORD}
    """),
    # ------------------------------------------------------------------ run-on chat
    ("chat", "hiii so my name is {P.a:lower} and i ordered smth like 2 weeks ago order {ORDER} still nothing?? my number is {PHONE} pls call"),
    ("chat", "yo its {P.a:firstlower} lol can u send the pics to {EMAIL.a} i lost my phone again"),
    ("chat", "ok so my card got declined AGAIN its {CARD} exp 09/28 cvv i dont wanna type here"),
    ("chat", "wait is {P.a:firstlower} still in {CITY} or did she move to {COUNTRY} already"),
    ("chat", "locked out AGAIN 🙄 pw was {PASSWORD} last time i checked, did someone change it"),
    ("chat", "bro the server ip is {IPV4} not the old one u typo'd it"),
    ("chat", "just send it to my iban {IBAN} thx\n- {P.a:firstlower}"),
    ("chat", "typed ssn {SSN} + dob {DOB} into the portal like 5 times, keeps bouncing me back to step 1"),
    ("chat", "heyy this is {P.a:first} from yoga, {P.b:first} gave me ur number, hope thats ok! im at {PHONE} if u wanna carpool"),
    ("chat", "new address: {ADDRESS} (the old place on {STREET} is gone)"),
    ("chat", "omg {P.a:upper} JUST REPLIED to my email 😭😭"),
    ("chat", "router {IPV4}: admin + pwd {PASSWORD}, dont forward this pls"),
    ("chat", "sending the deposit to {BTC} now, confirm when u see it"),
    ("chat", "my kid {P.a:firstlower} was born {DOB} so shes eligible rite"),
    ("chat", "here's the link {URL} , ping me on {PHONE} if it doesnt open"),
    # ------------------------------------------------------------------ clinical letters and records
    ("clinical", """
        Dear Dr {P.a:last},

        Re: {P.b}, DOB {DOB}, MRN {MRN}

        Thank you for seeing this 58-year-old with exertional chest pain. ECG on {DATE} showed no acute changes. BP 142/88. Current meds: atorvastatin 40 mg nocte.

        Kind regards,
        Dr {P.c}
    """),
    ("clinical", """
        DISCHARGE SUMMARY
        Patient: {P.a:LASTfirst}    Patient ID: {PATID}
        Admitted: {DATE}   Discharged: {DATE}
        Attending: {P.b}, MD
        Diagnosis: community-acquired pneumonia, resolved
        Follow-up: GP in 7 days; call {PHONE} with concerns
    """),
    ("clinical", """
        Rx
        Pt: {P.a}   DOB: {DOB}
        Amoxicillin 500 mg TDS x 7 days
        Prescriber: {P.b}, DEA {DEA.b}
    """),
    ("clinical", """
        Handoff {TIME}, bed 12: {P.a}, 71F, post-op day 2 hip. Pain 3/10. Daughter {P.b:first} visiting, contact {PHONE}. Chart {MRN}.
    """),
    ("clinical", """
        Message from patient {P.a} ({PATID}):
        "Hi Dr. {P.b:last}, my pharmacy on {STREET} says the refill wasn't sent. Can you resend? My new email is {EMAIL.a}."
    """),
    ("clinical", """
        LAB REPORT   Acc# 24-{NUM}
        Name: {P.a:upper}   Sex: F   Birth date: {DOB}
        Med Rec No: {MRN}
        HbA1c 7.2 % (H)   eGFR 68
    """),
    ("clinical", """
        Pre-authorization request
        Member: {P.a}, SSN {SSN}
        Provider: {P.b}, MD (DEA {DEA.b})
        Procedure: MRI lumbar spine
    """),
    ("clinical", """
        Telehealth note {DATE}: video visit with {P.a} from {CITY}; connected via {IPV4}. Reports migraine 3x/week. Plan: sumatriptan 50 mg PRN.
    """),
    ("clinical", """
        {
          "resourceType": "Patient",
          "id": "{PATID}",
          "name": [{"text": "{P.a}"}],
          "birthDate": "{DOB:iso}",
          "telecom": [{"system": "phone", "value": "{PHONE}"}]
        }
    """),
    # ------------------------------------------------------------------ code and config
    ("code", """
        # config/settings.py
        SLACK_TOKEN = "{SLACKTOKEN}"
        ADMIN_EMAIL = "{EMAIL}"
        DEBUG = False
    """),
    ("code", """
        smtp:
          host: mail.internal
          user: {EMAIL}
          password: "{PASSWORD}"
          port: 587
    """),
    ("code", """
        curl -s -H "Authorization: Bearer {APIKEY}" {URL}
    """),
    ("code", """
        ok here's the deploy key, delete it after copying:

        {PRIVKEY}

        fingerprint SHA256:{SHA} (that part isn't secret)
    """),
    ("code", """
        OPENAI_API_KEY={APIKEY}
        GITHUB_TOKEN={GHTOKEN}
        AWS_ACCESS_KEY_ID={AWSKEY}
        NODE_ENV=production
    """),
    ("code", """
        test_users = [
            {"name": "{P.a}", "email": "{EMAIL.a}", "ssn": "{SSN}"},
            {"name": "{P.b}", "email": "{EMAIL.b}", "ssn": "{SSN}"},
        ]
    """),
    ("code", """
        INSERT INTO customers (full_name, phone, city) VALUES ('{P.a}', '{PHONE}', '{CITY}');
    """),
    # ------------------------------------------------------------------ prose
    ("doc", """
        {P.a} joined {COMPANY} after a decade in {CITY}. Before that, {P.a:first} spent six years in {COUNTRY} building payment systems, and still mentors engineers there.
    """),
    ("doc", """
        Speaker bio: {P.a} is a security researcher based in {CITY}. Follow the work at {URL:profile}.
    """),
    ("doc", """
        I, {P.a}, born on {DOB}, residing at {ADDRESS}, declare that the information given above is true and complete.
    """),
    ("doc", """
        Found at reception: a wallet with a bank card in the name of {P.a:upper}. The owner can collect it at the front desk or call {PHONE}.
    """),
    ("doc", """
        {P.a} and {P.b} invite you to celebrate with them in {CITY} on {DATE}. Please RSVP to {EMAIL.a} by the end of the month.
    """),
    # ------------------------------------------------------------------ more rare types
    ("code", """
        ```
        $ cat ~/.ssh/id_ed25519
        {PRIVKEY}
        ```
        oops, wrong file, ignore that
    """),
    ("email", """
        Subject: key for the staging box

        {P.a:first}, as requested. Please move it into the vault and delete this mail.

        {PRIVKEY}

        {P.b:first}
    """),
    ("chat", "pasting the key here bc the other app keeps mangling it:\n{PRIVKEY}"),
    ("clinical", """
        Controlled substance Rx
        Patient: {P.a}, DOB {DOB}
        Oxycodone 5 mg, #20, no refills
        Prescriber: Dr. {P.b}   DEA# {DEA.b}
    """),
    ("clinical", """
        Pharmacy callback: Dr. {P.a:last}'s DEA number {DEA.a} did not verify on the first try; re-entered, OK now. Patient {P.b:first} is picking up at {TIME}.
    """),
    ("form", """
        PRESCRIBER ENROLLMENT
        Name: {P.a:LASTfirst}, MD
        DEA: {DEA.a}
        Practice address: {ADDRESS:us}
        Phone: {PHONE:us}
    """),
    ("code", """
        from openai import OpenAI
        client = OpenAI(api_key="{APIKEY}")  # TODO move to env
    """),
    ("chat", "my api key is {APIKEY} is that supposed to be visible in the dashboard lol"),
    ("log", """
        {TS} DEBUG outbound GET {URL} headers={"x-api-key": "{APIKEY}"}
    """),
    ("doc", """
        Your new API key: {APIKEY}
        Store it somewhere safe; it will not be shown again.
    """),
    ("form", """
        ITIN assignment notice (CP565 copy)
        Applicant: {P.a}
        ITIN assigned: {ITIN}
        Notice date: {DATE}
    """),
    ("chat", "does my itin {ITIN} work for opening a savings acct or do i need an ssn"),
    ("chat", "pls refund to my checking account {BANKACCT} not the card"),
    ("form", """
        ACH AUTHORIZATION
        Account holder: {P.a}
        Deposit account number: {BANKACCT}
        Amount: {AMOUNT}
    """),
    ("crm", """
        Rental desk note: customer {P.a} presented driver's license {DL}, exp {DATE}; declined the insurance.
    """),
    ("list", """
        KYC documents received for {P.a}
        - driver's license {DL}
        - passport {PASSPORT}
        - proof of address: utility bill for {ADDRESS}
    """),
    ("log", """
        {TS} INFO withdrawal queued to={BTC} amount=0.0125 user={EMAIL}
    """),
    ("chat", "can u double check the addr {BTC} before i hit send"),
    ("transcript", """
        Nurse: Can I have the patient ID from the wristband?
        Porter: {PATID}, bed 7.
        Nurse: Thanks, that's {P.a:first} then. Chart number {MRN}.
    """),
]

NEG = [
    # ------------------------------------------------------------------ e-mail, no PII
    ("email", """
        Subject: Maintenance window {DATE}

        Hi all,

        Billing and Reporting will be unavailable from {TIME} to {TIME} UTC while we upgrade to {VERSION}. No action is needed on your side.

        Thanks,
        The Platform Team
    """),
    ("email", """
        Subject: Your invoice {INVOICE}

        Hello,

        Your invoice for {AMOUNT} is now available in the billing portal. Payment is due on {DATE}. Order reference: {ORDER}.

        Kind regards,
        Accounts Receivable
    """),
    ("email", """
        Hope you had a good weekend! Quick reminder that the office closes at {TIME} on {DATE} for the summer party. Will share photos afterwards.

        Sent from my iPhone
    """),
    ("email", """
        Subject: Re: Re: PO {ORDER}

        Approved. Please split the delivery: {QTY} units now, the rest after {DATE}. Grace period on payment is 30 days as usual.

        > Can we get the {PRODUCT} bundle instead?
        > Price difference is {AMOUNT}.
    """),
    ("email", """
        Dear Customer,

        We noticed a sign-in from a new device ({PRODUCT}, {VERSION}). If this was you, no action is needed. If not, reset your password from the account page.

        Security Team
    """),
    # ------------------------------------------------------------------ logs, no PII
    ("log", """
        {TS} INFO  scheduler  job=nightly-export status=ok rows=48213 duration={MS}ms
        {TS} WARN  scheduler  retry 2/5 for job=invoice-sync (upstream 503)
        {TS} INFO  scheduler  job=invoice-sync status=ok build {VERSION}
    """),
    ("log", """
        {TS} INFO  agent {WINVER} started, pid 4412
        {TS} INFO  loaded 38 plugins in {MS} ms
        {TS} ERROR request {UUID} failed: ECONNRESET
    """),
    ("log", """
        commit {SHA}
        Author: release-bot
        Date:   {DATE}

            Bump urllib3 to {VERSION}; fix flaky test_timeout in tests/test_http.py
    """),
    ("log", """
        Traceback (most recent call last):
          File "/srv/app/handlers.py", line 88, in post
            user = User.objects.get(pk=pk)
        DoesNotExist: User matching query does not exist.
    """),
    ("log", """
        {TS} WARN  cache  evicted 1200 keys (maxmemory 2gb), hit ratio {PCT}
        {TS} INFO  token refresh scheduled at {EPOCH}
        {TS} INFO  session {UUID} closed after {MS} ms
    """),
    ("log", """
        [{TS}] payment.succeeded order={ORDER} amount={AMOUNT} method=card last4=0512 3ds=passed
    """),
    # ------------------------------------------------------------------ tables, no PII
    ("table", """
        | Version | Released | p95 latency | Error rate |
        |---|---|---|---|
        | {VERSION} | {DATE} | 212 ms | {PCT} |
        | {WINVER} | {DATE} | 198 ms | {PCT} |
    """),
    ("table", """
        | SKU | Description | Qty | Unit price |
        |---|---|---:|---:|
        | {NUM}-BLK | {PRODUCT} | {QTY} | {AMOUNT} |
        | {NUM}-WHT | {PRODUCT} | {QTY} | {AMOUNT} |
    """),
    ("table", """
        | Region | Q1 | Q2 | Change |
        |---|---:|---:|---:|
        | EMEA | {AMOUNT} | {AMOUNT} | {PCT} |
        | APAC | {AMOUNT} | {AMOUNT} | {PCT} |
        | AMER | {AMOUNT} | {AMOUNT} | {PCT} |
    """),
    ("table", """
        | Test number | Expected | Result |
        |---|---|---|
        | {BADCARD} | rejected (Luhn) | rejected |
        | {BADSSN} | rejected (SSA rules) | rejected |
        | {BADIBAN} | rejected (mod-97) | rejected |
    """),
    # ------------------------------------------------------------------ lists, no PII
    ("list", """
        Release notes {VERSION}
        - Fixed a crash when opening config.yaml
        - Updated setup.py classifiers and README.md
        - Dropped support for Python 3.8
        - Driver bundle {WINVER} is now required
    """),
    ("list", """
        ## Agenda
        1. Q3 roadmap
        2. Hiring plan
        3. SOC 2 and ISO 27001 audit status
        4. AOB
    """),
    ("list", """
        Before you file the ticket:
        * Restart the {PRODUCT}.
        * Check that the firmware is {WINVER} or later.
        * Note the error code (e.g. 0x80070005) and the time it happened.
    """),
    ("list", """
        Shipping options
        - Standard: 3-5 business days, {AMOUNT}
        - Express: next day if ordered before {TIME}
        - Pickup: free, order {ORDER} ready from {DATE}
    """),
    ("list", """
        Grocery run
        - rose wine x2
        - olive oil
        - ginger, basil, sage
        - 1 kg clementines
    """),
    # ------------------------------------------------------------------ chat, no PII
    ("chat", "anyone know if {PRODUCT} works offline? asking for a flight tmrw"),
    ("chat", "Will do! thanks a ton, that fixed it"),
    ("chat", "Sure thing! Family and Individual tiers are listed on the pricing page; the cheapest is {AMOUNT} a month."),
    ("chat", "April numbers are in: churn down {PCT}, revenue up {PCT}. June target unchanged."),
    ("chat", "Mark the ticket {TICKET} as resolved please. Bill the remaining hours to the internal cost centre."),
    ("chat", "Frank feedback welcome! Earnest money is due at signing, not before."),
    ("chat", "the Marshall amp and the Fender both ship separately, tracking to follow"),
    ("chat", "Rose gold and Sierra blue are back in stock, Olive is sold out until {DATE}"),
    ("chat", "is order {ORDER} the same as {ORDER}? got two confirmation emails"),
    ("chat", "if i change my password do my saved playlists survive or do they get wiped"),
    ("chat", "Hunter boots size 9 or 10? the sizing guide says 9 but they run small"),
    ("chat", "my card ending in 7788 got charged twice for {AMOUNT}, can u check"),
    ("chat", "Dial-in code 8841 2290 #, conference ID 551 209 884. See you at {TIME}!"),
    # ------------------------------------------------------------------ code, no PII
    ("code", """
        ```python
        def mask(text: str) -> str:
            # TODO: handle unicode digits
            return re.sub(r"\\d{3}-\\d{2}-\\d{4}", "***-**-****", text)
        ```
        Run `pytest tests/test_mask.py -k ssn` before merging.
    """),
    ("code", """
        server:
          host: localhost
          port: 8443
        logging:
          level: info
        retries: 3
        timeout_ms: {MS}
    """),
    ("code", """
        docker pull ghcr.io/acme/worker:{VERSION}
        docker run --rm -p 8080:8080 -e LOG_LEVEL=debug worker
    """),
    ("code", """
        password = getpass.getpass("Password: ")
        if not check_password(password, user.password_hash):
            raise AuthError("invalid credentials")
    """),
    ("code", """
        const total = items.reduce((sum, it) => sum + it.price * it.qty, 0);
        console.log(`order ${orderId}: ${total.toFixed(2)} EUR`);
    """),
    ("code", """
        Attach invoice.pdf and report_Q3.xlsx to the ticket, not setup.py, main.rs or notes.md.
    """),
    # ------------------------------------------------------------------ forms, no PII
    ("form", """
        Name: ____________________
        Tel: _____________________
        Email: ___________________
        Signature: _______________
        For office use only - ref {ORDER}
    """),
    ("form", """
        RETURN AUTHORIZATION
        RMA: RMA-{NUM}
        Order: {ORDER}
        Reason: [x] damaged  [ ] wrong item
        Refund: {AMOUNT} to original payment method
    """),
    # ------------------------------------------------------------------ transcripts, no PII
    ("transcript", """
        [00:00:01] IVR: Welcome. For billing, press 1. For technical support, press 2.
        [00:00:09] Caller: <presses 2>
        [00:00:10] IVR: Please enter your ticket number followed by the hash key.
        [00:00:21] Caller: <enters {NUM}>
        [00:00:23] IVR: Thank you. Your estimated wait time is 4 minutes.
    """),
    ("transcript", """
        AGENT: Thanks for holding. I can see order {ORDER} was shipped on {DATE}.
        CALLER: Great, and the refund for the other one?
        AGENT: Issued today, {AMOUNT}. It can take five to seven business days.
        CALLER: Perfect, thanks.
    """),
    # ------------------------------------------------------------------ clinical, no PII
    ("clinical", """
        Protocol: paracetamol 1 g q6h, max 4 g/24h. BP 132/84, HR 78, SpO2 97%. Reassess at {TIME}. Escalate if NEWS2 score is 5 or more.
    """),
    ("clinical", """
        Clinic update: flu vaccine sessions run every Tuesday from {DATE}. Bring your appointment letter; walk-ins after {TIME}.
    """),
    # ------------------------------------------------------------------ prose, no PII
    ("doc", """
        Grace period: invoice {INVOICE} may be paid up to 14 days after {DATE} without a late fee. Amounts over {AMOUNT} need approval.
    """),
    ("doc", """
        Per the ESA and NOAA feeds, the SDK now parses orbital data from {DATE}; the GDPR/HIPAA matrix is in Appendix C.
    """),
    ("doc", """
        Card-shaped test value {BADCARD} must fail validation; the gateway returned code E4012.
    """),
    ("doc", """
        The W-9 sample uses {BADSSN} as a placeholder. Do not submit it.
    """),
    ("doc", """
        Package {WINVER} ships graphics driver 31.0.101.4887 to managed laptops tonight.
    """),
    ("doc", """
        Sterling performance this quarter: revenue of {AMOUNT}, margin {PCT}. Summer hours start {DATE}.
    """),
    ("doc", """
        Token lifetime is one hour; a refresh at {EPOCH} (unix seconds) keeps the session alive.
    """),
    ("doc", """
        Transfers to {BADIBAN} will bounce: the check digits are wrong. Double-check before saving a payee.
    """),
    ("doc", "Summer sale: {PCT} off the {PRODUCT} until {DATE}. Terms apply; see the store for details."),
    ("log", "{TS} INFO healthcheck ok version={WINVER} uptime=86400s"),
    ("table", """
        | Build | Commit | Status |
        |---|---|---|
        | {NUM} | {SHA:short} | passed |
        | {NUM} | {SHA:short} | failed |
    """),
    ("email", """
        Subject: Office move

        Hi everyone,

        From {DATE} we'll be on the 4th floor. Parking permits stay the same. Victory lap for the facilities team!

        Operations
    """),
    ("chat", "Amazon says delivered but nothing here, order {ORDER}, ugh"),
    ("code", 'git checkout -b fix/ip-parsing && git commit -m "Treat 4-part versions like {WINVER} as versions"'),
    ("doc", "Dates to remember: kickoff {DATE}, go-live {DATE}, hypercare ends {DATE}."),
]
