"""French templates of the held-out corpus (same placeholder rules as ``tpl_en``)."""

PII = [
    ("email", """
        De : {P.a} <{EMAIL.a}>
        Envoyé : {DATE} {TIME}
        À : {ROLEMAIL}
        Objet : RE: devis {ORDER}

        Bonjour {P.b:first},

        Merci pour le retour rapide. Pouvez-vous mettre en copie ma collègue {P.c} ({EMAIL.c}) ? Je suis en congés à partir du {DATE}.

        Cordialement,
        {P.a:first}

        --
        {P.a}
        Responsable achats | {COMPANY}
        Tél. : {PHONE} | {URL}
    """),
    ("email", """
        Ça me va, je passe déposer l'exemplaire signé jeudi.

        Le {DATE} à {TIME}, {P.a} <{EMAIL.a}> a écrit :
        > Bonjour {P.b:first},
        > le bail du logement situé {ADDRESS} est prêt. Merci de signer la page 4.
        > Dépôt de garantie : référence {INVOICE}.
    """),
    ("email", """
        Objet : Changement de coordonnées bancaires

        Madame, Monsieur,

        Merci de régler désormais la facture {INVOICE} ({AMOUNT}) sur notre nouveau compte :
        IBAN : {IBAN}

        Pour toute question : {PHONE}.

        {P.a}
        Service comptabilité
    """),
    ("email", """
        Réponse automatique : je suis absente jusqu'au {DATE}. En cas d'urgence, merci de contacter {P.a} ({EMAIL.a}, {PHONE}).
    """),
    ("email", """
        Pour le versement de la prime, utilisez l'adresse {BTC}. Le formulaire est ici : {URL}.
        Bonne journée,
        {P.a:first}
    """),
    ("crm", """
        [{DATE}] Appel avec {P.a} ({COMPANY}) : souhaite passer à 30 licences. Décideur : {P.b}, DAF. Relance le {DATE}. Ligne directe : {PHONE}.
    """),
    ("crm", """
        {P.a:LASTfirst} | client VIP | {CITY} | tél {PHONE} | préfère les SMS | conjoint : {P.b:first}
    """),
    ("crm", """
        RDV sur site le {DATE}
        Adresse : {ADDRESS}
        Présents : {P.a} (exploitation), {P.b} (informatique)
        Passerelle {IPV4}, contrôleur MAC {MAC}
    """),
    ("crm", """
        Mme {P.a:last} conteste la facture {INVOICE} (débitée deux fois, {AMOUNT}). Remboursement sur la carte {CARD} validé par {P.b:first}.
    """),
    ("transcript", """
        [00:00:03] CONSEILLER : {COMPANY} bonjour, {P.a:first} à l'appareil. À qui ai-je l'honneur ?
        [00:00:06] APPELANT : oui bonjour, {P.b}
        [00:00:09] CONSEILLER : Merci. Pouvez-vous me confirmer votre date de naissance ?
        [00:00:12] APPELANT : le {DOB}
        [00:00:15] CONSEILLER : Et le numéro de téléphone du dossier ?
        [00:00:18] APPELANT : {PHONE}
    """),
    ("transcript", """
        Messagerie vocale ({TIME}) : « Bonjour, c'est {P.a} du cabinet dentaire, j'appelle pour {P.b:first} au sujet du rendez-vous du {DATE}. Rappelez-nous au {PHONE}. Merci, au revoir. »
    """),
    ("form", """
        FICHE PATIENT
        Nom : {P.a:LAST}
        Prénom : {P.a:first}
        Né(e) le : {DOB}
        N° de sécurité sociale : {NIR}
        Tél. : {PHONE}
        Adresse : {ADDRESS}
        Médecin traitant : Dr {P.b:last}
    """),
    ("form", """
        BON DE LIVRAISON
        Destinataire : {P.a:upper}
        {ADDRESS}
        Tél : {PHONE}
        Réf. commande : {ORDER}
    """),
    ("form", """
        Nom complet ........ {P.a:LASTfirst}
        Date de naissance .. {DOB}
        IBAN ............... {IBAN}
        Signature .......... __________
    """),
    ("log", """
        {TS} INFO auth connexion ok user={EMAIL} ip={IPV4}
        {TS} WARN auth 5 échecs user={EMAIL} ip={IPV4}
    """),
    ("log", """
        {TS} ERROR worker arrêté ; variables d'environnement :
        AWS_ACCESS_KEY_ID={AWSKEY}
        GITHUB_TOKEN={GHTOKEN}
        DB_PASSWORD={PASSWORD}
    """),
    ("table", """
        | Nom | Rôle | E-mail | Téléphone |
        |---|---|---|---|
        | {P.a} | Responsable site | {EMAIL.a} | {PHONE} |
        | {P.b} | Suppléant | {EMAIL.b} | {PHONE} |
    """),
    ("table", """
        | Lit | Patient | N° de dossier | Date de naissance |
        |---|---|---|---|
        | 12A | {P.a} | {MRN} | {DOB} |
        | 12B | {P.b} | {MRN} | {DOB} |
    """),
    ("list", """
        Intégration - {P.a}
        - [x] poste de travail remis
        - [x] adresse créée : {EMAIL.a}
        - [ ] paie : IBAN {IBAN}
        - [ ] parrain : {P.b:first}
    """),
    ("list", """
        En cas d'urgence prévenir :
        1) {P.a}, conjoint, {PHONE}
        2) {P.b}, voisine, {PHONE}
    """),
    ("list", """
        Voyage
        * vol : {COUNTRY}, le {DATE}
        * hôtel : {ADDRESS}
        * portable de {P.a:first} : {PHONE}
    """),
    ("chat", "coucou !! {P.a:firstlower} ici, je débarque à {CITY:lower} samedi, appelle moi au {PHONE} quand t'es dispo"),
    ("chat", "mon mdp c'est {PASSWORD} et ça marche plus depuis la maj"),
    ("chat", "bonjour je m'apelle {P.a:lower} j'ai commandé il y a 2 semaines commande {ORDER} toujours rien reçu mon mail {EMAIL.a}"),
    ("chat", "refusée deux fois ce matin, la carte {CARD}... c'est chez vous ou ma banque ?"),
    ("clinical", """
        Cher confrère,

        Je vous adresse {P.a}, née le {DOB}, dossier n° {MRN}, pour avis cardiologique. ECG du {DATE} sans anomalie. TA 14/9.

        Bien confraternellement,
        Dr {P.b}
    """),
    ("clinical", """
        Compte rendu de téléconsultation du {DATE} : patiente {P.a} (identifiant patient {PATID}), connectée depuis {CITY}. Céphalées 3 fois par semaine.
    """),
    ("code", """
        Accès au serveur {IPV4} : identifiant admin, mot de passe : {PASSWORD} (à changer !)
    """),
    ("doc", """
        Je soussigné(e) {P.a}, né(e) le {DOB} à {CITY}, demeurant {ADDRESS}, certifie sur l'honneur l'exactitude des informations ci-dessus.
    """),
    ("doc", """
        Retrouvé à l'accueil : un portefeuille avec une carte bancaire au nom de {P.a:upper}. Son propriétaire peut appeler le {PHONE}.
    """),
    ("chat", "Remboursement bloqué : la mutuelle me redemande mon numéro de sécu, le voici : {NIR}."),
    ("crm", "Dossier RH de {P.a} : NIR {NIR}, IBAN {IBAN}, identifiant patient médecine du travail {PATID}."),
    ("email", """
        Voici la clé du serveur de préprod, supprimez ce message après usage :

        {PRIVKEY}

        {P.a:first}
    """),
    ("chat", "Audit wiki : jeton Slack en clair sur la page « Bots » ({SLACKTOKEN}). Révocation demandée."),
    ("code", "Clé API de test : {APIKEY} (à ne pas commiter)"),
    ("form", """
        ADMISSION
        Patient : {P.a:upper}
        Identifiant patient : {PATID}
        N° de sécurité sociale : {NIR}
    """),
]

NEG = [
    ("email", """
        Objet : Maintenance du {DATE}

        Bonjour à tous,

        La facturation sera indisponible de {TIME} à {TIME} pour la mise à jour {VERSION}. Aucune action n'est requise.

        L'équipe Plateforme
    """),
    ("email", """
        Votre facture {INVOICE} d'un montant de {AMOUNT} est disponible. Échéance : {DATE}. Référence commande : {ORDER}.

        Service clients
    """),
    ("log", """
        {TS} INFO ordonnanceur tâche=export-nocturne statut=ok lignes=48213 durée={MS}ms
        {TS} WARN ordonnanceur nouvelle tentative 2/5 (amont 503)
    """),
    ("table", """
        | Version | Date | Latence p95 |
        |---|---|---|
        | {VERSION} | {DATE} | 212 ms |
        | {WINVER} | {DATE} | 198 ms |
    """),
    ("list", """
        Notes de version {VERSION}
        - Correction d'un plantage à l'ouverture de config.yaml
        - Mise à jour de setup.py
        - Pilote {WINVER} requis
    """),
    ("chat", "Top, merci. Du coup la livraison c'est toujours le {DATE} ?"),
    ("chat", "Pouvez-vous vérifier la commande {ORDER} ? Le montant de {AMOUNT} a été débité deux fois."),
    ("chat", "Y a-t-il une remise étudiante sur {PRODUCT} ? Et le paiement en 3 fois, c'est possible ?"),
    ("doc", """
        Numéro de test {BADCARD} : doit être refusé par le contrôle de Luhn. Code retour E4012.
    """),
    ("doc", """
        Téléconsultation : mode d'emploi. Retrait des ordonnances en pharmacie sous 48 h. Motif de consultation à préciser lors de la prise de rendez-vous.
    """),
    ("clinical", """
        Protocole : paracétamol 1 g toutes les 6 h, max 4 g/24 h. TA 13/8, FC 78. Réévaluer à {TIME}.
    """),
    ("form", """
        Nom : ______________
        Prénom : ______________
        Tél. : ______________
        Réservé à l'administration - réf. {ORDER}
    """),
    ("code", """
        Lancez `pytest tests/test_mask.py` puis modifiez config.yml et README.md avant le déploiement de la {VERSION}.
    """),
    ("transcript", """
        SVI : Bienvenue. Pour la facturation, tapez 1. Pour l'assistance technique, tapez 2.
        Appelant : <tape 2>
        SVI : Merci de saisir votre numéro de dossier suivi de la touche dièse.
        Appelant : <saisit {NUM}>
    """),
    ("doc", """
        Virement vers {BADIBAN} refusé : clé de contrôle invalide. Vérifiez le RIB avant d'enregistrer le bénéficiaire.
    """),
    ("doc", "Rose poudré ou bleu marine : les deux coloris de la housse sont disponibles dès le {DATE}."),
    ("doc", "Conformément au RGPD et aux recommandations de la CNIL, les journaux sont conservés 13 mois. Version du module : {WINVER}."),
    ("chat", "Claire et nette, la nouvelle interface ! Par contre la facture {INVOICE} affiche {AMOUNT} au lieu de {AMOUNT}."),
    ("log", """
        {TS} INFO agent {WINVER} démarré, pid 3381
        {TS} ERROR requête {UUID} échouée : délai dépassé
    """),
    ("table", """
        | Réf. | Article | Qté | Prix |
        |---|---|---:|---:|
        | {NUM}-BLC | {PRODUCT} | {QTY} | {AMOUNT} |
        | {NUM}-NR | {PRODUCT} | {QTY} | {AMOUNT} |
    """),
]
